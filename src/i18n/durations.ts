// Remaining times shown to people ("expires in …", "… left"), shared by the server and the browser bundles.
// Never overstated: the time is cut, never rounded up. Two units while the larger one is small
// (under 10): "1 h 30 min", "1 jour 12 h"; one unit beyond ("12 jours", "3 h" when the minutes are 0).
import { localeOf } from './format.js';

type Unit = 'day' | 'hour' | 'minute' | 'second';
const SIZES: [Unit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

// The SI symbols, the same in French and English ("1 h 30 min").
const SYMBOLS: Record<Exclude<Unit, 'day'>, string> = { hour: 'h', minute: 'min', second: 's' };

function part(value: number, unit: Unit, lang: string, short: boolean): string {
  // Days stay words ("1 jour 12 h"), smaller units are symbols next to a larger one ("1 h 30 min").
  if (short && unit !== 'day') return `${new Intl.NumberFormat(localeOf(lang)).format(value)}\u00a0${SYMBOLS[unit]}`;
  return new Intl.NumberFormat(localeOf(lang), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** "1 h 30 min", "2 jours", "45 secondes": at most two units, cut (never rounded up). */
export function formatRemaining(seconds: number, lang: string): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const first = SIZES.findIndex(([, size]) => total >= size);
  if (first < 0) return part(0, 'second', lang, false);
  const [unit, size] = SIZES[first]!;
  const value = Math.floor(total / size);
  const next = SIZES[first + 1];
  const rest = next ? Math.floor((total - value * size) / next[1]) : 0;
  if (!next || value >= 10 || rest === 0) return part(value, unit, lang, false);
  return `${part(value, unit, lang, true)} ${part(rest, next[0], lang, true)}`;
}
