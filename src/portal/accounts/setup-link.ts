// The one-time link printed at first start to create the first admin account.
import type { Db } from '../../storage/database.js';
import { hashToken, newToken } from './tokens.js';
import { countAdmins } from './members.js';

const KEY = 'setup_token';
const TTL = 24 * 3600 * 1000;

/** Issues a new link token when there is no admin yet (replacing any earlier one). */
export async function issueSetupToken(db: Db, now = Date.now()): Promise<string | null> {
  if ((await countAdmins(db)) > 0) return null;
  const { token, hash } = newToken();
  const value = JSON.stringify({ hash, expires: now + TTL });
  await db.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  return token;
}

/** True when `token` is the current, unexpired setup token and no admin exists yet. */
export async function checkSetupToken(db: Db, token: string, now = Date.now()): Promise<boolean> {
  return (await setupTokenState(db, token, now)) === 'ok';
}

/** What a setup link is worth: 'used' once an admin exists, 'unknown' when it is not the current one. */
export async function setupTokenState(db: Db, token: string, now = Date.now()): Promise<'ok' | 'unknown' | 'expired' | 'used'> {
  if ((await countAdmins(db)) > 0) return 'used';
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return 'unknown';
  const { hash, expires } = JSON.parse(row.value) as { hash: string; expires: number };
  if (hash !== hashToken(token)) return 'unknown';
  return expires > now ? 'ok' : 'expired';
}

/** Spends the setup token atomically: of two requests with the same link, only one gets true. */
export async function claimSetupToken(db: Db, token: string, now = Date.now()): Promise<boolean> {
  if ((await setupTokenState(db, token, now)) !== 'ok') return false;
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return false;
  const res = await db.deleteFrom('settings').where('key', '=', KEY).where('value', '=', row.value).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function clearSetupToken(db: Db): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', KEY).execute();
}
