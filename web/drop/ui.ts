// Small helpers shared by Drop's page scripts: translated strings from data-strings, sizes, durations.
import { formatMessage } from '../../src/i18n/format.js';
import { formatDate as formatDateIn } from '../../src/i18n/dates.js';

export type Strings = Record<string, string>;

export function root(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-page]');
}

export function translator(el: HTMLElement): (key: string, params?: Record<string, string | number>) => string {
  const strings = JSON.parse(el.dataset.strings ?? '{}') as Strings;
  const lang = el.dataset.lang ?? document.documentElement.lang;
  return (key, params = {}) => formatMessage(strings[key] ?? key, params, lang);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

export { formatBytes } from '../../src/i18n/bytes.js';
export { formatRemaining as formatDuration } from '../../src/i18n/durations.js';

export function formatDate(ms: number, lang: string): string {
  return formatDateIn(ms, lang, 'dateTime');
}

export function showError(message: string): void {
  const el = byId('drop-error');
  el.textContent = message;
  el.hidden = false;
}

export function clearError(): void {
  byId('drop-error').hidden = true;
}

export async function apiError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string };
    return body.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** The shares sent from this browser, kept only here (localStorage). */
export interface MyShare { id: string; link: string; owner: string; names: string[]; expiresAt: number }
const MINE = 'chaton-drop-shares';

export function myShares(): MyShare[] {
  try {
    const list = JSON.parse(localStorage.getItem(MINE) ?? '[]') as MyShare[];
    return Array.isArray(list) ? list.filter((s) => s.expiresAt > Date.now()) : [];
  } catch {
    return [];
  }
}

export function saveMyShares(list: MyShare[]): void {
  try {
    localStorage.setItem(MINE, JSON.stringify(list));
  } catch {
    // Private browsing or full storage: the list is a convenience only.
  }
}
