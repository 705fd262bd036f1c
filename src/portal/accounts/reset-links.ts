// Password reset links: issued by an admin (no mail server needed: the admin hands the link over), or
// asked for by the member from /forgot and sent to their e-mail address (at most mail.resets_per_hour).
import type { Db } from '../../storage/database.js';
import { hashToken, newToken } from './tokens.js';
import { audit, type Actor } from '../audit.js';

export async function issueResetLink(db: Db, memberId: string, actor: Actor, hours: number, now = Date.now()): Promise<string> {
  const { token, hash } = newToken();
  await db
    .insertInto('reset_links')
    .values({ token_hash: hash, member_id: memberId, created_by: actor.name, created_at: now, expires_at: now + hours * 3600 * 1000, used_at: null })
    .execute();
  await audit(db, actor, 'member.reset-link', memberId);
  return token;
}

export type ResetLinkState = { ok: true; memberId: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export async function checkResetLink(db: Db, token: string, now = Date.now()): Promise<ResetLinkState> {
  const row = await db.selectFrom('reset_links').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.expires_at <= now) return { ok: false, reason: 'expired' };
  return { ok: true, memberId: row.member_id };
}

/** Marks the link used; false when another request used it first (or it expired meanwhile). */
export async function useResetLink(db: Db, token: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .updateTable('reset_links')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Reset links made for the member since `since` (by anyone): what bounds the e-mails one account gets. */
export async function resetLinksSince(db: Db, memberId: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('reset_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
