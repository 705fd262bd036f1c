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
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return false;
  const { hash, expires } = JSON.parse(row.value) as { hash: string; expires: number };
  return hash === hashToken(token) && expires > now && (await countAdmins(db)) === 0;
}

export async function clearSetupToken(db: Db): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', KEY).execute();
}
