// Dates shown to people, shared by the server and the browser bundles (no server-only import here).
// The browser formats in the visitor's time zone (no `timeZone` given); the server formats in the chaton's
// configured zone (`chaton.time_zone`) and names it ("30 novembre 2026 à 23:56 UTC"), inside
// <time datetime="…" data-style="…">, which web/dates rewrites in the visitor's zone when scripts run.
import { localeOf } from './format.js';

/** date: "1 décembre 2026"; dateTime: "1 décembre 2026 à 00:56"; time: "00:56"; moment: with seconds. */
export type DateStyle = 'date' | 'dateTime' | 'time' | 'moment';
export const DATE_STYLES: readonly DateStyle[] = ['date', 'dateTime', 'time', 'moment'];

export interface DateOptions {
  /** An IANA zone ("Europe/Paris"); the runtime's own zone (the visitor's, in a browser) when absent. */
  timeZone?: string;
  /** Name the zone after the time ("UTC", "UTC+1", "EST"). */
  zoneName?: boolean;
}

function fields(style: DateStyle): Intl.DateTimeFormatOptions {
  switch (style) {
    case 'date': return { year: 'numeric', month: 'long', day: 'numeric' };
    case 'dateTime': return { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    case 'time': return { hour: '2-digit', minute: '2-digit' };
    case 'moment': return { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };
  }
}

export function formatDate(ms: number, lang: string, style: DateStyle = 'date', options: DateOptions = {}): string {
  const named = options.zoneName && style !== 'date';
  return new Intl.DateTimeFormat(localeOf(lang), {
    ...fields(style),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(named ? { timeZoneName: 'short' } : {}),
  }).format(new Date(ms));
}

/** Whether Intl knows this IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
