// SPDX-License-Identifier: AGPL-3.0-or-later
// Writes `.properties` text that parseProperties() reads back to the same keys and values.
// Non-ASCII text is kept as is (the file is UTF-8); only what the format needs is escaped.

/** Options of writeProperties(). */
export interface WriteOptions {
  /** Comment written at the top, one `# ` line per line of text (default: a generic header). */
  header?: string;
}

/** Default header comment of written files. */
export const DEFAULT_HEADER = 'ChatonsInfos file written by chaton (https://framagit.org/chatons/chatonsinfos)';

/** Writes entries (in order, duplicates kept) or a record as UTF-8 `.properties` text ending with a newline. */
export function writeProperties(
  input: ReadonlyArray<{ readonly key: string; readonly value: string }> | Readonly<Record<string, string>>,
  options: WriteOptions = {},
): string {
  const entries = Array.isArray(input)
    ? (input as ReadonlyArray<{ readonly key: string; readonly value: string }>)
    : Object.entries(input).map(([key, value]) => ({ key, value }));
  const header = options.header ?? DEFAULT_HEADER;
  const lines = header === '' ? [] : header.split(/\r\n|\r|\n/).map((l) => (l === '' ? '#' : `# ${l}`));
  for (const { key, value } of entries) {
    const k = escapeKey(key);
    const v = escapeValue(value);
    // An empty key still needs the separator: ` = value` starts with whitespace, which is skipped.
    lines.push(v === '' ? `${k} =` : `${k} = ${v}`);
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** Escapes a key: separators, whitespace and comment marks get a backslash. */
export function escapeKey(key: string): string {
  return escapeCommon(key, (c) => (c === '=' || c === ':' || c === ' ' || c === '#' || c === '!' ? `\\${c}` : c));
}

/** Escapes a value: only backslashes, line breaks, control characters and a leading space need it. */
export function escapeValue(value: string): string {
  const escaped = escapeCommon(value, (c) => c);
  // Leading whitespace would be skipped by the reader.
  return escaped.startsWith(' ') ? `\\${escaped}` : escaped;
}

// NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR (line breaks for some editors) and BOM (stripped at file start).
const INVISIBLE = new Set([0x85, 0x2028, 0x2029, 0xfeff]);

function escapeCommon(text: string, other: (c: string) => string): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k] ?? '';
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f || INVISIBLE.has(code) || isLoneSurrogate(text, k)) {
      // Control characters, invisible line/BOM marks and lone surrogates (not encodable in UTF-8) as \uXXXX.
      out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A valid surrogate pair: copy both halves.
      out += c + (text[k + 1] ?? '');
      k++;
    } else out += other(c);
  }
  return out;
}

function isLoneSurrogate(text: string, k: number): boolean {
  const code = text.charCodeAt(k);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(k + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const prev = text.charCodeAt(k - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}
