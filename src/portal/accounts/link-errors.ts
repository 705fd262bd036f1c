// One-time links (setup, invitation, reset) that can't be used: a clear page, 404 or 410.
import { AppError } from '../../server/errors.js';
import type { MessageKey } from '../../i18n/index.js';

export type LinkKind = 'setup' | 'invite' | 'reset';
export type LinkProblem = 'unknown' | 'expired' | 'used' | 'revoked';

const KEYS: Record<LinkKind, Record<LinkProblem, MessageKey>> = {
  setup: { unknown: 'accounts.setup.unknown', expired: 'accounts.setup.expired', used: 'accounts.setup.used', revoked: 'accounts.setup.unknown' },
  invite: { unknown: 'accounts.invite.unknown', expired: 'accounts.invite.expired', used: 'accounts.invite.used', revoked: 'accounts.invite.revoked' },
  reset: { unknown: 'accounts.reset.unknown', expired: 'accounts.reset.expired', used: 'accounts.reset.used', revoked: 'accounts.reset.unknown' },
};

/** 404 for a link we don't know (a typo, a stale copy), 410 for one that existed and is spent. */
export function linkError(kind: LinkKind, problem: LinkProblem): AppError {
  return new AppError(problem === 'unknown' ? 404 : 410, KEYS[kind][problem]);
}
