// Languages and translation. French first; every key of the French catalogue exists in English
// (the English catalogue is typed by the French one, and a test checks both ways).
import { fr } from './fr.js';
import { en } from './en.js';
import { formatMessage } from './format.js';

export { formatMessage, formatNumber, pluralCategory } from './format.js';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Lang, Record<MessageKey, string>> = { fr, en };

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** The language: the remembered choice (cookie), else the best of Accept-Language, else French. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
        return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const r of ranked) if (isLang(r.lang)) return r.lang;
  }
  return 'fr';
}

/** Replaces {name} placeholders (plain; counts and numbers go through formatMessage). */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(lang: Lang): Translate {
  const cat = catalogues[lang];
  return (key, params) => formatMessage(cat[key] ?? fr[key] ?? key, params, lang);
}

/** A text given in both languages (config, modules). */
export interface Localized { fr: string; en: string }
export function pick(text: Localized, lang: Lang): string {
  return text[lang] || text.fr || text.en;
}

/** The time of day, e.g. 10:42. */
export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeStyle: 'short' }).format(new Date(ms));
}
