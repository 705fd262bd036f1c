// Byte sizes shown to people, one convention per language, shared by the server and the browser bundles.
// Decimal (SI) units, as GNOME Files, macOS and PrivateBin show them: 1 ko = 1 000 octets, 1 kB = 1,000
// bytes. French writes o/ko/Mo/Go/To, English B/kB/MB/GB/TB; the number is formatted for the language
// (1,5 Mo / 1.5 MB). The shown value is cut, never rounded up, so a limit is never overstated
// (4 294 967 296 bytes is "4,2 Go", not "4,3 Go").
import { localeOf } from './format.js';

const UNITS: Record<'fr' | 'en', readonly string[]> = {
  fr: ['o', 'ko', 'Mo', 'Go', 'To'],
  en: ['B', 'kB', 'MB', 'GB', 'TB'],
};

export function formatBytes(bytes: number, lang: string): string {
  const units = UNITS[lang === 'en' || lang.startsWith('en-') ? 'en' : 'fr'];
  let value = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  // Cut to one decimal (no rounding up); whole bytes have none.
  const shown = unit === 0 ? Math.floor(value) : Math.floor(value * 10 + 1e-9) / 10;
  const number = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(shown);
  return `${number}\u00a0${units[unit]}`;
}
