// The two charters every chaton publishes: the anonymous-use charter and the member charter.
import type { CharterKind } from '../../storage/schema.js';
import type { MessageKey } from '../../i18n/index.js';

export type { CharterKind };

export const CHARTER_KINDS: readonly CharterKind[] = ['anonymous', 'member'];

export function isCharterKind(value: unknown): value is CharterKind {
  return value === 'anonymous' || value === 'member';
}

/** The charter's name, e.g. "Charte des membres". */
export function kindTitleKey(kind: CharterKind): MessageKey {
  return kind === 'anonymous' ? 'charters.kind.anonymous' : 'charters.kind.member';
}

/** A version number from a path or a form: a positive integer, else null. */
export function parseVersion(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) return null;
  return Number(value);
}
