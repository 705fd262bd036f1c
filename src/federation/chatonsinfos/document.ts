// SPDX-License-Identifier: AGPL-3.0-or-later
// A parsed ChatonsInfos file: properties entries with legacy key names mapped to current ones.

import { FILE_CLASSES, FILE_CLASS_ALIASES, LEGACY_KEYS, findKeyDef, type FileClass } from './keys.js';
import { parseProperties, type ParseIssue } from './properties-parser.js';
import { encodeSpacedHttpUrl, isHttpUrl, parseDateValue, parseNumberValue, unquote } from './values.js';

/** An entry of a ChatonsInfos file; `key` is the current key name, `writtenKey` the one in the file. */
export interface ChatonsInfosEntry {
  key: string;
  writtenKey: string;
  value: string;
  line: number;
}

/** A parsed ChatonsInfos file. */
export interface ChatonsInfosDocument {
  /** Entries in file order, duplicates kept. */
  entries: ChatonsInfosEntry[];
  /** Problems met by the properties parser. */
  parseIssues: ParseIssue[];
}

/** Maps a written key to its current name (see LEGACY_KEYS; camelCase variants are lower-cased). */
export function normalizeKey(key: string): string {
  const legacy = LEGACY_KEYS[key];
  if (legacy) return legacy;
  if (findKeyDef(key)) return key;
  const lower = key.toLowerCase();
  return LEGACY_KEYS[lower] ?? (findKeyDef(lower) ? lower : key);
}

/** Parses the text of a ChatonsInfos file. */
export function parseChatonsInfos(text: string): ChatonsInfosDocument {
  const { entries, issues } = parseProperties(text);
  return {
    entries: entries.map((e) => ({ key: normalizeKey(e.key), writtenKey: e.key, value: e.value, line: e.line })),
    parseIssues: issues,
  };
}

/** Returns the entry of a key (the last one when duplicated, as Java does), or undefined. */
export function getEntry(doc: ChatonsInfosDocument, key: string): ChatonsInfosEntry | undefined {
  return doc.entries.findLast((e) => e.key === key);
}

/** Returns the trimmed value of a key, undefined when missing or empty. */
export function getValue(doc: ChatonsInfosDocument, key: string): string | undefined {
  const v = getEntry(doc, key)?.value.trim();
  return v === '' ? undefined : v;
}

/** Returns a date value as an ISO `yyyy-mm-dd` string, undefined when missing or not a date. */
export function getDate(doc: ChatonsInfosDocument, key: string): string | undefined {
  const v = getValue(doc, key);
  return v === undefined ? undefined : parseDateValue(v);
}

/** Returns a number value (decimal comma allowed), undefined when missing or not a number. */
export function getNumber(doc: ChatonsInfosDocument, key: string): number | undefined {
  const v = getValue(doc, key);
  return v === undefined ? undefined : parseNumberValue(v);
}

/** Returns all keys and values as a record (last value wins). */
export function toRecord(doc: ChatonsInfosDocument): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of doc.entries) out[e.key] = e.value;
  return out;
}

/** Reads a `file.class` value (any case, with known aliases such as `Organisation`). */
export function parseFileClass(value: string): { fileClass: FileClass; alias: boolean } | undefined {
  const v = value.trim().toLowerCase();
  const canonical = FILE_CLASSES.find((c) => c.toLowerCase() === v);
  if (canonical) return { fileClass: canonical, alias: false };
  const alias = FILE_CLASS_ALIASES[v];
  return alias ? { fileClass: alias, alias: true } : undefined;
}

/** Detects the class of a file from `file.class`, undefined when missing or unknown. */
export function detectFileClass(doc: ChatonsInfosDocument): FileClass | undefined {
  const v = getValue(doc, 'file.class');
  return v === undefined ? undefined : parseFileClass(v)?.fileClass;
}

/** A child file listed by `subs.<id>`. */
export interface Sub {
  id: string;
  url: string;
  line: number;
}

/** Lists the `subs.<id>` entries whose value is an http(s) URL (quotes removed; last wins per id). */
export function getSubs(doc: ChatonsInfosDocument): Sub[] {
  const byId = new Map<string, Sub>();
  for (const e of doc.entries) {
    if (!e.key.startsWith('subs.') || e.key.length === 'subs.'.length) continue;
    const id = e.key.slice('subs.'.length);
    const url = unquote(e.value);
    // A later broken duplicate still overrides, as for any other key.
    byId.delete(id);
    // A space is encoded as a browser would (the validator warns about it).
    const usable = isHttpUrl(url) ? url : encodeSpacedHttpUrl(url);
    if (usable) byId.set(id, { id, url: usable, line: e.line });
  }
  return [...byId.values()].sort((a, b) => a.line - b.line);
}
