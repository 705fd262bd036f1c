// Members: creation, lookup and password changes.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/schema.js';
import { hashPassword } from './passwords.js';
import { newId } from './tokens.js';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Usernames are compared in lower case. */
export function normalizeUsername(name: string): string {
  return name.trim().toLowerCase();
}

export interface NewMember { username: string; displayName?: string; password: string; role: Role; admitted?: boolean }

export class UsernameTakenError extends Error {}

export async function createMember(db: Db, m: NewMember): Promise<string> {
  const username = normalizeUsername(m.username);
  if (!USERNAME.test(username)) throw new Error('invalid username');
  const taken = await db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new UsernameTakenError(username);
  const id = newId();
  await db
    .insertInto('members')
    .values({
      id,
      username,
      display_name: (m.displayName ?? '').trim() || username,
      password_hash: await hashPassword(m.password),
      role: m.role,
      admitted: m.admitted === false ? 0 : 1,
      created_at: Date.now(),
      last_login_at: null,
    })
    .execute();
  return id;
}

export async function findByUsername(db: Db, username: string) {
  return db.selectFrom('members').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
}

export async function setPassword(db: Db, memberId: string, password: string): Promise<void> {
  await db.updateTable('members').set({ password_hash: await hashPassword(password) }).where('id', '=', memberId).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirst();
  return Number(row?.n ?? 0);
}
