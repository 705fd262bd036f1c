// The one-time link printed at start to create the first admin account. With several processes (one
// database), there is one link at a time and every process prints the same one: the database holds a
// random nonce, the link's SHA-256 and its expiry; the link itself is HMAC(secrets.session, nonce), which
// each process computes with the secret they share, so the database alone never holds a usable link.
import { createHmac } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { hashToken, newId } from './tokens.js';
import { countAdmins } from './members.js';

const KEY = 'setup_token';
const TTL = 24 * 3600 * 1000;

interface Stored { nonce?: string; hash: string; expires: number }

function linkToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`chaton setup link\0${nonce}`).digest('base64url');
}

function fresh(secret: string, now: number): string {
  const nonce = newId();
  return JSON.stringify({ nonce, hash: hashToken(linkToken(secret, nonce)), expires: now + TTL } satisfies Stored);
}

/**
 * The setup link's token when there is no admin yet: the current one while it is valid (so that every
 * process prints the same), else a new one, created once even when processes start at the same moment.
 */
export async function issueSetupToken(db: Db, secret: string, now = Date.now()): Promise<string | null> {
  if ((await countAdmins(db)) > 0) return null;
  const read = async () => (await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst())?.value;
  const current = await read();
  if (current === undefined) {
    await db.insertInto('settings').values({ key: KEY, value: fresh(secret, now) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  } else {
    const stored = JSON.parse(current) as Stored;
    const usable = stored.nonce !== undefined && stored.expires > now && stored.hash === hashToken(linkToken(secret, stored.nonce));
    // Replaced only if nobody replaced it in between: the first process wins, the others read its link.
    if (!usable) await db.updateTable('settings').set({ value: fresh(secret, now) }).where('key', '=', KEY).where('value', '=', current).execute();
  }
  const value = await read();
  if (value === undefined) return null;
  const { nonce } = JSON.parse(value) as Stored;
  return nonce === undefined ? null : linkToken(secret, nonce);
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
