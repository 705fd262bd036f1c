// Members: creation, lookup and password changes.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/schema.js';
import { hashPassword } from './passwords.js';
import { newId } from './tokens.js';
import type { Lang } from '../../i18n/index.js';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Usernames are compared in lower case. */
export function normalizeUsername(name: string): string {
  return name.trim().toLowerCase();
}

export interface NewMember { username: string; displayName?: string; password: string; role: Role; admitted?: boolean; lang?: Lang }

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
      ...(m.lang ? { lang: m.lang } : {}),
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

export const MAX_DISPLAY_NAME = 80;

export async function setDisplayName(db: Db, memberId: string, displayName: string, username: string): Promise<void> {
  await db.updateTable('members').set({ display_name: displayName.trim() || username }).where('id', '=', memberId).execute();
}

/** Notes the login, and the language of this visit: the one the member's e-mails are written in. */
export async function recordLogin(db: Db, memberId: string, lang: Lang, now = Date.now()): Promise<void> {
  await db.updateTable('members').set({ last_login_at: now, lang }).where('id', '=', memberId).execute();
}

export const MAX_EMAIL = 254;

/** An e-mail address as stored and looked up: trimmed, in lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Sets (or, with '', erases) the member's e-mail address, already checked and normalized. */
export async function setEmail(db: Db, memberId: string, email: string, lang: Lang): Promise<void> {
  await db.updateTable('members').set({ email: email || null, lang }).where('id', '=', memberId).execute();
}

/** The accounts with this e-mail address (an address may serve several accounts of one person). */
export async function findByEmail(db: Db, email: string) {
  return db.selectFrom('members').select(['id', 'username', 'email', 'lang']).where('email', '=', normalizeEmail(email)).execute();
}

/** The admins who gave an e-mail address, with their language. */
export async function adminsWithEmail(db: Db): Promise<{ email: string; lang: string }[]> {
  const rows = await db.selectFrom('members').select(['email', 'lang']).where('role', '=', 'admin').where('email', 'is not', null).execute();
  return rows.filter((r): r is { email: string; lang: string } => !!r.email);
}

export async function setRole(db: Db, memberId: string, role: Role): Promise<void> {
  await db.updateTable('members').set({ role }).where('id', '=', memberId).execute();
}

export async function setAdmitted(db: Db, memberId: string, admitted: boolean): Promise<void> {
  await db.updateTable('members').set({ admitted: admitted ? 1 : 0 }).where('id', '=', memberId).execute();
}

/** Replaces the member's groups with `groupIds` (unknown ids are ignored by the caller). */
export async function setGroups(db: Db, memberId: string, groupIds: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('member_groups').where('member_id', '=', memberId).execute();
    if (groupIds.length) await trx.insertInto('member_groups').values(groupIds.map((group_id) => ({ member_id: memberId, group_id }))).execute();
  });
}

export async function addToGroup(db: Db, memberId: string, groupId: string): Promise<void> {
  await db.insertInto('member_groups').values({ member_id: memberId, group_id: groupId }).onConflict((oc) => oc.columns(['member_id', 'group_id']).doNothing()).execute();
}

/** Deletes the member; their sessions, groups, acceptances and reset links go with them (cascade). */
export async function deleteMember(db: Db, memberId: string): Promise<void> {
  await db.deleteFrom('members').where('id', '=', memberId).execute();
}

/** True when this member is an admin and no other admin exists. */
export async function isLastAdmin(db: Db, memberId: string): Promise<boolean> {
  const row = await db.selectFrom('members').select('role').where('id', '=', memberId).executeTakeFirst();
  return row?.role === 'admin' && (await countAdmins(db)) <= 1;
}

export interface MemberRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  admitted: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  email: string | null;
  groups: { id: string; name: string }[];
}

const ROW = ['id', 'username', 'display_name', 'role', 'admitted', 'created_at', 'last_login_at', 'email'] as const;

/** The groups of the members of `memberIds` (of every member when not given). */
async function groupsOf(db: Db, memberIds?: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byMember = new Map<string, { id: string; name: string }[]>();
  let q = db
    .selectFrom('member_groups')
    .innerJoin('groups', 'groups.id', 'member_groups.group_id')
    .select(['member_groups.member_id', 'groups.id', 'groups.name'])
    .orderBy('groups.name');
  if (memberIds) q = q.where('member_groups.member_id', 'in', memberIds);
  const links = await q.execute();
  for (const l of links) byMember.set(l.member_id, [...(byMember.get(l.member_id) ?? []), { id: l.id, name: l.name }]);
  return byMember;
}

/** Members with their groups, by username: every member, or those of `ids`. A chaton has hundreds, not millions. */
export async function listMembers(db: Db, ids?: string[]): Promise<MemberRow[]> {
  if (ids?.length === 0) return [];
  let q = db.selectFrom('members').select(ROW).orderBy('username');
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.execute();
  const groups = await groupsOf(db, ids);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    admitted: r.admitted === 1,
    createdAt: Number(r.created_at),
    lastLoginAt: r.last_login_at === null ? null : Number(r.last_login_at),
    email: r.email,
    groups: groups.get(r.id) ?? [],
  }));
}

export async function getMemberRow(db: Db, memberId: string): Promise<MemberRow | null> {
  return (await listMembers(db, [memberId]))[0] ?? null;
}
