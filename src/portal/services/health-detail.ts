// A health check's detail: free text (an error), or a message of the catalogue with its parameters
// (a count such as "3 pads"), stored as JSON so that each reader sees it in their own language.
import { fr } from '../../i18n/fr.js';
import type { MessageKey, Params, Translate } from '../../i18n/index.js';

export interface DetailMessage { key: MessageKey; params: Params }

export function storedDetail(detail: string | DetailMessage | undefined): string {
  if (detail === undefined) return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

/** The stored detail in the reader's language (free text is shown as it is). */
export function detailText(stored: string, t: Translate): string {
  if (!stored.startsWith('{')) return stored;
  try {
    const m = JSON.parse(stored) as Partial<DetailMessage>;
    if (typeof m.key === 'string' && m.key in fr && m.params && typeof m.params === 'object') return t(m.key, m.params);
  } catch {
    // Not one of ours: shown as written.
  }
  return stored;
}
