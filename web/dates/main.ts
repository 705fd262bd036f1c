// Loaded by every page: the dates the server wrote in the chaton's zone (named) are shown again in the
// visitor's own zone, by the same formatter (src/i18n/dates.ts). Without scripts, the server's text stays.
import { DATE_STYLES, formatDate, type DateStyle } from '../../src/i18n/dates.js';

const lang = document.documentElement.lang;
for (const el of document.querySelectorAll<HTMLTimeElement>('time[datetime][data-style]')) {
  const at = Date.parse(el.dateTime);
  const style = el.dataset.style as DateStyle;
  if (Number.isNaN(at) || !DATE_STYLES.includes(style)) continue;
  el.textContent = formatDate(at, lang, style);
}
