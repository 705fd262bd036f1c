// SPDX-License-Identifier: AGPL-3.0-or-later
// Java `.properties` reader, following java.util.Properties.load(Reader) rules,
// except that files are UTF-8 (ChatonsInfos says so; Java's old default was ISO-8859-1).

/** One `key=value` entry as written in the file, with the line where it starts (1-based). */
export interface PropertyEntry {
  key: string;
  value: string;
  line: number;
}

/** A problem the lenient parser worked around (the entry is still returned). */
export interface ParseIssue {
  line: number;
  /** Key of the entry (as written, unescaped). */
  key: string;
  code: 'bad-escape';
  message: string;
  params: Record<string, string>;
}

/** Result of parsing: entries in file order (duplicates kept) and problems met. */
export interface PropertiesParseResult {
  entries: PropertyEntry[];
  issues: ParseIssue[];
}

/** At most this many problems are reported by the parser for one file. */
export const MAX_PARSE_ISSUES = 1000;

// Whitespace as Java's Properties sees it (not \r or \n, which end lines).
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/** Parses the text of a `.properties` file (UTF-8 already decoded, BOM allowed). */
export function parseProperties(text: string): PropertiesParseResult {
  const entries: PropertyEntry[] = [];
  const issues: ParseIssue[] = [];
  // A UTF-8 BOM decoded as U+FEFF must not become part of the first key.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // CRLF, CR and LF all end a line.
  const lines = body.split(/\r\n|\r|\n/);

  let i = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    const first = skipLeadingBlanks(lines[i] ?? '');
    i++;
    // Blank lines and comment lines (`#` or `!` first) are ignored; comments never continue.
    if (first === '' || first.startsWith('#') || first.startsWith('!')) continue;

    // A line ending with an odd number of backslashes continues on the next line,
    // whose leading whitespace is skipped.
    let logical = first;
    while (endsWithOddBackslashes(logical)) {
      logical = logical.slice(0, -1);
      if (i >= lines.length) break; // backslash at end of file: dropped, as Java does
      logical += skipLeadingBlanks(lines[i] ?? '');
      i++;
    }

    const { rawKey, rawValue } = splitKeyValue(logical);
    const badEscapes: string[] = [];
    const onIssue = (escape: string): void => void badEscapes.push(escape);
    const key = unescape(rawKey, onIssue);
    entries.push({ key, value: unescape(rawValue, onIssue), line: startLine });
    // A hostile file could hold a million bad escapes: the first ones are enough to fix it.
    for (const escape of badEscapes.slice(0, MAX_PARSE_ISSUES - issues.length)) {
      issues.push({
        line: startLine,
        key,
        code: 'bad-escape',
        message: `malformed escape "${escape}" (\\u needs 4 hexadecimal digits)`,
        params: { escape },
      });
    }
  }
  return { entries, issues };
}

function skipLeadingBlanks(line: string): string {
  let k = 0;
  while (isBlank(line[k])) k++;
  return line.slice(k);
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let k = s.length - 1; k >= 0 && s[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

// The key ends at the first unescaped `=`, `:` or whitespace; whitespace around the
// separator is skipped, and a whitespace separator may be followed by one `=` or `:`.
function splitKeyValue(logical: string): { rawKey: string; rawValue: string } {
  let k = 0;
  let escaped = false;
  let hasSeparator = false;
  while (k < logical.length) {
    const c = logical[k];
    if (!escaped && (c === '=' || c === ':')) {
      hasSeparator = true;
      break;
    }
    if (!escaped && isBlank(c)) break;
    escaped = c === '\\' ? !escaped : false;
    k++;
  }
  const rawKey = logical.slice(0, k);
  let v = k < logical.length ? k + 1 : k;
  while (v < logical.length) {
    const c = logical[v];
    if (!isBlank(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    v++;
  }
  return { rawKey, rawValue: logical.slice(v) };
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

// `\uXXXX`, `\t \n \r \f`; any other `\x` stands for `x` (so `\'` is `'`, `\\` is `\`).
function unescape(raw: string, onIssue: (escape: string) => void): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k] ?? '';
    if (c !== '\\' || k === raw.length - 1) {
      out += c;
      continue;
    }
    const next = raw[k + 1] ?? '';
    k++;
    if (next === 'u') {
      const hex = raw.slice(k + 1, k + 5);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        k += 4;
      } else {
        // Java would throw; we keep the text after the backslash and report it.
        onIssue(`\\u${hex}`);
        out += 'u';
      }
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}

/** Decodes file bytes as UTF-8; `valid` is false when some bytes were not UTF-8 (replaced by U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), valid: false };
  }
}
