// SPDX-License-Identifier: AGPL-3.0-or-later
// Checks a ChatonsInfos file against the key table: class, mandatory keys, value types.

import {
  CLASS_SECTIONS,
  KEYS,
  OBSOLETE_KEYS,
  findKeyDef,
  sectionOf,
  type FileClass,
  type KeyDef,
} from './keys.js';
import { decodeChatonsInfos, type DecodedFile } from './decode.js';
import { getEntry, parseChatonsInfos, parseFileClass, type ChatonsInfosDocument } from './document.js';
import {
  encodeSpacedHttpUrl,
  isCountryCode,
  isEmail,
  isHttpUrl,
  isUri,
  parseDateTimeValue,
  DATE_EXAMPLES,
  DATETIME_EXAMPLES,
  parseDateValue,
  parseNumberList,
  parseNumberValue,
  unquote,
} from './values.js';

/** Stable identifiers of validation problems (for translations and tests). */
export type ValidationCode =
  | 'bad-escape'
  | 'bad-encoding'
  | 'latin1-fallback'
  | 'url-encoded'
  | 'missing-mandatory'
  | 'missing-wished'
  | 'unknown-class'
  | 'class-alias'
  | 'duplicate-key'
  | 'legacy-key'
  | 'obsolete-key'
  | 'unknown-key'
  | 'unexpected-section'
  | 'bad-url'
  | 'bad-uri'
  | 'bad-email'
  | 'bad-date'
  | 'bad-datetime'
  | 'bad-number'
  | 'bad-decimal-degree'
  | 'out-of-range'
  | 'bad-country-code'
  | 'bad-enum'
  | 'unusual-enum';

/** One problem found in a file; `message` is English, `code` + `params` allow translating it. */
export interface ValidationIssue {
  level: 'error' | 'warning';
  line?: number;
  key?: string;
  code: ValidationCode;
  message: string;
  params: Record<string, string>;
}

/** Result of validation. */
export interface ValidationResult {
  fileClass?: FileClass;
  issues: ValidationIssue[];
  errors: number;
  warnings: number;
}

/** At most this many problems are listed for one file (all are counted), plus the missing mandatory keys. */
export const MAX_ISSUES = 1000;

/** Validates a parsed file; issues are sorted by line, problems without a line (missing keys) last. */
export function validateChatonsInfos(doc: ChatonsInfosDocument): ValidationResult {
  const issues: ValidationIssue[] = [];
  let errors = 0;
  let warnings = 0;
  // Every problem is counted; a hostile file's hundreds of thousands are not all listed.
  const add = (issue: Omit<ValidationIssue, 'params'> & { params?: Record<string, string> }): void => {
    if (issue.level === 'error') errors++;
    else warnings++;
    if (issues.length < MAX_ISSUES || (issue.level === 'error' && !issue.line)) issues.push({ ...issue, params: issue.params ?? {} });
  };

  for (const p of doc.parseIssues) {
    add({ level: 'error', line: p.line, key: p.key, code: p.code, message: p.message, params: p.params });
  }

  // File class, from the last file.class entry.
  const classEntry = getEntry(doc, 'file.class');
  let fileClass: FileClass | undefined;
  if (classEntry && classEntry.value.trim() !== '') {
    const parsed = parseFileClass(classEntry.value);
    const value = classEntry.value.trim();
    if (!parsed) {
      add({
        level: 'error',
        line: classEntry.line,
        key: 'file.class',
        code: 'unknown-class',
        message: `unknown file class "${value}" (expected Federation, Organization, Service or Device); class checks skipped`,
        params: { value },
      });
    } else {
      fileClass = parsed.fileClass;
      if (parsed.alias) {
        add({
          level: 'warning',
          line: classEntry.line,
          key: 'file.class',
          code: 'class-alias',
          message: `file class "${value}" read as "${fileClass}"; write "${fileClass}"`,
          params: { value, fileClass },
        });
      }
    }
  }
  const sections = fileClass ? CLASS_SECTIONS[fileClass] : undefined;
  const addUnexpectedSection = (line: number, key: string): void => {
    const section = sectionOf(key);
    add({
      level: 'warning',
      line,
      key,
      code: 'unexpected-section',
      message: `section "${section}" does not belong in a file of class ${fileClass ?? ''}`,
      params: { section, fileClass: fileClass ?? '' },
    });
  };

  // Entry by entry: names, duplicates, types.
  const firstLine = new Map<string, number>();
  for (const e of doc.entries) {
    const key = e.key;
    if (e.writtenKey !== key) {
      add({
        level: 'warning',
        line: e.line,
        key: e.writtenKey,
        code: 'legacy-key',
        message: `old key name, read as "${key}"`,
        params: { writtenKey: e.writtenKey, currentKey: key },
      });
    }
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      add({
        level: 'warning',
        line: e.line,
        key,
        code: 'duplicate-key',
        message: `duplicate key, already set at line ${seen}; the last value wins`,
        params: { firstLine: String(seen) },
      });
    } else firstLine.set(key, e.line);

    const keyDef = findKeyDef(key);
    if (!keyDef) {
      if (OBSOLETE_KEYS.has(key)) {
        add({ level: 'warning', line: e.line, key, code: 'obsolete-key', message: 'obsolete key, no longer used' });
      } else if (sections && !sections.includes(sectionOf(key))) {
        addUnexpectedSection(e.line, key);
      } else {
        add({ level: 'warning', line: e.line, key, code: 'unknown-key', message: 'unknown key' });
      }
      continue;
    }
    if (sections && !sections.includes(sectionOf(key))) addUnexpectedSection(e.line, key);
    // file.class was checked above.
    if (key !== 'file.class') {
      const sub = key.startsWith('subs.') ? unquote(e.value) : undefined;
      const encoded = sub === undefined ? undefined : encodeSpacedHttpUrl(sub);
      if (sub !== undefined && encoded !== undefined) {
        const message = `space in the address, read as ${encoded}`;
        add({ level: 'warning', line: e.line, key, code: 'url-encoded', message, params: { value: sub.trim(), url: encoded } });
      } else {
        const problem = checkValue(keyDef, sub ?? e.value);
        if (problem) add({ line: e.line, key, ...problem });
      }
    }
  }

  // Mandatory keys of the sections this class contains (an empty value counts as missing).
  const requiredKeys = KEYS.filter((d) => !d.key.endsWith('*') && d.mandatory !== 'No');
  for (const d of requiredKeys) {
    const section = sectionOf(d.key);
    // Without a known class only the `file` section is known to be required.
    if (sections ? !sections.includes(section) : section !== 'file') continue;
    const entry = getEntry(doc, d.key);
    if (entry && entry.value.trim() !== '') continue;
    const empty = entry !== undefined;
    const what = d.mandatory === 'Yes' ? 'mandatory' : 'recommended';
    add({
      level: d.mandatory === 'Yes' ? 'error' : 'warning',
      key: d.key,
      // An empty mandatory value is reported on its line.
      ...(entry ? { line: entry.line } : {}),
      code: d.mandatory === 'Yes' ? 'missing-mandatory' : 'missing-wished',
      message: empty ? `${what} key has an empty value` : `${what} key is missing`,
      params: { empty: String(empty) },
    });
  }

  const sorted = [...issues].sort(byLine);
  return { ...(fileClass ? { fileClass } : {}), issues: sorted, errors, warnings };
}

// Stable sort by line; issues without a line (missing keys) go last, in the order found.
const byLine = (a: ValidationIssue, b: ValidationIssue): number => (a.line ?? Infinity) - (b.line ?? Infinity) || 0;

type ValueProblem = Pick<ValidationIssue, 'level' | 'code' | 'message' | 'params'>;

// Checks one value against its type; empty values are "not provided" and always fine here.
function checkValue(d: KeyDef, raw: string): ValueProblem | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const bad = (code: ValidationCode, message: string, params: Record<string, string> = {}): ValueProblem => ({
    level: 'error',
    code,
    message,
    params: { value, ...params },
  });
  switch (d.type) {
    case 'STRING':
      return undefined;
    case 'URL':
      return isHttpUrl(value) ? undefined : bad('bad-url', `not an http(s) URL: "${value}"`);
    case 'URI':
      return isUri(value) ? undefined : bad('bad-uri', `not an address (scheme:…): "${value}"`);
    case 'EMAIL':
      return isEmail(value) ? undefined : bad('bad-email', `not an email address: "${value}"`);
    case 'DATE':
      return parseDateValue(value) ? undefined : bad('bad-date', `not a date (e.g. ${DATE_EXAMPLES.join(' or ')}): "${value}"`, { examples: DATE_EXAMPLES.join(' / ') });
    case 'DATETIME':
      return parseDateTimeValue(value)
        ? undefined
        : bad('bad-datetime', `not a date and time (e.g. ${DATETIME_EXAMPLES.join(' or ')}): "${value}"`, { examples: DATETIME_EXAMPLES.join(' / ') });
    case 'COUNTRY_CODE':
      return isCountryCode(value) ? undefined : bad('bad-country-code', `not a two-letter country code: "${value}"`);
    case 'NUMERICS':
      return parseNumberList(value) ? undefined : bad('bad-number', `not a ';'-separated list of numbers: "${value}"`);
    case 'DECIMAL_DEGREE': {
      const n = parseNumberValue(value);
      if (n === undefined) return bad('bad-decimal-degree', `not a decimal degree (e.g. 15,23456): "${value}"`);
      if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
        const range = { min: String(d.min), max: String(d.max) };
        return bad('out-of-range', `${value} is outside ${range.min}..${range.max}`, range);
      }
      return undefined;
    }
    case 'ENUM': {
      const allowed = d.values ?? [];
      if (allowed.some((a) => a.toLowerCase() === value.toLowerCase())) return undefined;
      const list = allowed.join(', ');
      if (d.valuesUnconfirmed) {
        return { ...bad('unusual-enum', `unusual value "${value}" (known: ${list})`, { allowed: list }), level: 'warning' };
      }
      return bad('bad-enum', `"${value}" is not one of ${list}`, { allowed: list });
    }
  }
}

/** Result of checkChatonsInfosText() and checkChatonsInfosBytes(). */
export type CheckResult = ValidationResult & { document: ChatonsInfosDocument };

/** Parses and validates the text of a ChatonsInfos file. */
export function checkChatonsInfosText(text: string): CheckResult {
  const document = parseChatonsInfos(text);
  return { ...validateChatonsInfos(document), document };
}

/**
 * Decodes (see decode.ts: the declared charset, else UTF-8 when valid, else ISO-8859-1 with a
 * warning), parses and validates file bytes. `decoded` is the text the result describes.
 */
export function checkChatonsInfosBytes(bytes: Uint8Array, contentType?: string | null): CheckResult & { decoded: DecodedFile } {
  const decoded = decodeChatonsInfos(bytes, contentType);
  const result = { ...checkChatonsInfosText(decoded.text), decoded };
  if (decoded.by === 'latin1-fallback') {
    const issue: ValidationIssue = {
      level: 'warning',
      code: 'latin1-fallback',
      message: 'the file is not UTF-8 and declares no charset: it was read as ISO-8859-1',
      params: {},
    };
    // First: it concerns the whole file, and explains any odd character in the other findings.
    return { ...result, issues: [issue, ...result.issues], warnings: result.warnings + 1 };
  }
  if (decoded.by !== 'invalid-utf-8') return result;
  // Report the first line holding a replacement character produced by the decoder.
  const text = decoded.text;
  const at = text.indexOf('\uFFFD');
  const line = text.slice(0, at).split(/\r\n|\r|\n/).length;
  const issue: ValidationIssue = {
    level: 'error',
    line,
    code: 'bad-encoding',
    message: 'the file declares UTF-8 but is not UTF-8 (ISO-8859-1?); non-UTF-8 bytes were replaced',
    params: {},
  };
  const issues = [...result.issues, issue].sort(byLine);
  return { ...result, issues, errors: result.errors + 1 };
}
