// Human sizes for the size limit: 10 Mo in French, 10 MB in English (decimal units, as PrivateBin).
import type { Lang } from '../../i18n/index.js';

const UNITS: Record<Lang, string[]> = { fr: ['o', 'ko', 'Mo', 'Go'], en: ['B', 'kB', 'MB', 'GB'] };

export function formatSize(bytes: number, lang: Lang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < 3) {
    value /= 1000;
    unit++;
  }
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  return `${number} ${UNITS[lang][unit]}`;
}
