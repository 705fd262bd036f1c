// SPDX-License-Identifier: AGPL-3.0-or-later
// ChatonsInfos (StatoolInfos) file format: parse, validate, write, check.

export { parseProperties, decodeUtf8 } from './properties-parser.js';
export type { PropertyEntry, ParseIssue, PropertiesParseResult } from './properties-parser.js';
export { writeProperties, escapeKey, escapeValue, DEFAULT_HEADER } from './properties-writer.js';
export type { WriteOptions } from './properties-writer.js';
export {
  KEYS,
  FILE_CLASSES,
  CLASS_SECTIONS,
  LEGACY_KEYS,
  OBSOLETE_KEYS,
  FILE_CLASS_ALIASES,
  findKeyDef,
  sectionOf,
} from './keys.js';
export type { FileClass, ValueType, Mandatory, KeyDef } from './keys.js';
export {
  parseDateValue,
  parseDateTimeValue,
  parseNumberValue,
  parseNumberList,
  unquote,
  isHttpUrl,
  isUri,
  isEmail,
  isCountryCode,
} from './values.js';
export {
  parseChatonsInfos,
  normalizeKey,
  getEntry,
  getValue,
  getDate,
  getNumber,
  toRecord,
  parseFileClass,
  detectFileClass,
  getSubs,
} from './document.js';
export type { ChatonsInfosEntry, ChatonsInfosDocument, Sub } from './document.js';
export { validateChatonsInfos, checkChatonsInfosText, checkChatonsInfosBytes } from './validator.js';
export type { ValidationIssue, ValidationCode, ValidationResult, CheckResult } from './validator.js';
export { runChatonsInfosCheck, formatIssue } from './check-command.js';
export type { CheckOptions } from './check-command.js';
