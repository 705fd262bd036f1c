// SPDX-License-Identifier: AGPL-3.0-or-later
// Typed readers of ChatonsInfos values. Each returns undefined when the value does not fit.

/**
 * The date forms parseDateValue accepts, one example each: the validator's messages show these, so
 * what a message says is what the rule accepts (a test parses each example).
 */
export const DATE_EXAMPLES = ['2024-03-31', '31/03/2024'] as const;
/** The date and time forms parseDateTimeValue accepts (seconds and zone optional). */
export const DATETIME_EXAMPLES = ['2024-03-31T14:05:00', '2024-03-31T14:05:00+02:00'] as const;

/** Parses `yyyy-mm-dd` or `dd/mm/yyyy` (as the MODELES and YunoHost write it) into an ISO date `yyyy-mm-dd`. */
export function parseDateValue(value: string): string | undefined {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return isoDate(m[1], m[2], m[3]);
  // Day first, also tolerating one-digit day or month (7/1/2021).
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) return isoDate(m[3], m[2], m[1]);
  return undefined;
}

function isoDate(y = '', mo = '', d = ''): string | undefined {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 31/02/2021 and the like, which Date would roll over to March.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${y.padStart(4, '0')}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * Parses a DATETIME (`2020-07-06T14:23:20`, seconds, fraction and zone optional, space allowed
 * instead of `T`) into `yyyy-mm-ddThh:mm:ss` plus the zone when one is written.
 */
export function parseDateTimeValue(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return undefined;
  const date = parseDateValue(m[1] ?? '');
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? '0')];
  if (!date || h > 23 || min > 59 || s > 59) return undefined;
  const zone = m[5] ?? '';
  return `${date}T${m[2]}:${m[3]}:${m[4] ?? '00'}${zone}`;
}

/** Parses a number written with a decimal point or a decimal comma (`15,23456`). */
export function parseNumberValue(value: string): number | undefined {
  const v = value.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(v)) return undefined;
  return Number(v.replace(',', '.'));
}

/** Parses a `;`-separated series (NUMERICS, MONTHS…); empty elements are null, undefined if one is not a number. */
export function parseNumberList(value: string): (number | null)[] | undefined {
  if (value.trim() === '') return [];
  const out: (number | null)[] = [];
  for (const part of value.split(';')) {
    if (part.trim() === '') {
      out.push(null);
      continue;
    }
    const n = parseNumberValue(part);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** Removes one pair of surrounding single or double quotes (YunoHost writes external subs quoted). */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === "'" || v[0] === '"') && v[v.length - 1] === v[0]) return v.slice(1, -1).trim();
  return v;
}

/**
 * True for an absolute http(s) URL whose host has a dot (or is localhost). GENERAL.md's
 * pattern `^https?://.+\..+/+$` would reject paths like `/contact.xhtml`, so it is relaxed.
 */
export function isHttpUrl(value: string): boolean {
  const v = value.trim();
  if (/\s/.test(v) || !/^https?:\/\//i.test(v)) return false;
  try {
    const url = new URL(v);
    return url.hostname.includes('.') || url.hostname === 'localhost';
  } catch {
    return false;
  }
}

/**
 * An http(s) address holding spaces, encoded as a browser does (the WHATWG URL parser writes a space in
 * the path, query or fragment as %20); undefined when the value has no space, another blank (tab, line
 * break), or is no http(s) URL even encoded (a space in the host). Used for `subs.*` values, which are
 * followed: a space typed by hand should not lose the service.
 */
export function encodeSpacedHttpUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v.includes(' ') || /[^\S ]/.test(v) || !/^https?:\/\//i.test(v)) return undefined;
  let href: string;
  try {
    href = new URL(v).href;
  } catch {
    return undefined;
  }
  return isHttpUrl(href) ? href : undefined;
}

/** True for `scheme:something` without whitespace (xmpp:room@server?join, irc://…, https://…). */
export function isUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value.trim());
}

/** True for an address like `contact@example.org` (GENERAL.md only asks for `.+@.+`). */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value.trim());
}

/** True for a two-letter ISO 3166-1 alpha-2 shape (case-insensitive, not checked against the list). */
export function isCountryCode(value: string): boolean {
  return /^[a-z]{2}$/i.test(value.trim());
}
