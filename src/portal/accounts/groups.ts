// Groups of members (e.g. an association): a service can be opened to some groups only.
import type { Db } from '../../storage/database.js';
import { newId } from './tokens.js';

export const MAX_GROUP_NAME = 60;
export const MAX_GROUP_DESCRIPTION = 500;

export interface Group { id: string; name: string; description: string; createdAt: number; memberCount: number }

export class GroupNameTakenError extends Error {}

/** Every group with its number of members, by name. */
export async function listGroups(db: Db): Promise<Group[]> {
  const rows = await db
    .selectFrom('groups')
    .leftJoin('member_groups', 'member_groups.group_id', 'groups.id')
    .select((eb) => ['groups.id', 'groups.name', 'groups.description', 'groups.created_at', eb.fn.count<number>('member_groups.member_id').as('n')])
    .groupBy(['groups.id', 'groups.name', 'groups.description', 'groups.created_at'])
    .orderBy('groups.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, createdAt: Number(r.created_at), memberCount: Number(r.n) }));
}

export async function getGroup(db: Db, id: string): Promise<Group | null> {
  return (await listGroups(db)).find((g) => g.id === id) ?? null;
}

async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('groups').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createGroup(db: Db, name: string, description: string): Promise<string> {
  if (await nameTaken(db, name)) throw new GroupNameTakenError(name);
  const id = newId();
  await db.insertInto('groups').values({ id, name, description, created_at: Date.now() }).execute();
  return id;
}

export async function updateGroup(db: Db, id: string, name: string, description: string): Promise<void> {
  if (await nameTaken(db, name, id)) throw new GroupNameTakenError(name);
  await db.updateTable('groups').set({ name, description }).where('id', '=', id).execute();
}

/** Deletes the group; memberships go with it and invitations into it lose their group. */
export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

export async function groupMemberIds(db: Db, id: string): Promise<string[]> {
  const rows = await db.selectFrom('member_groups').select('member_id').where('group_id', '=', id).execute();
  return rows.map((r) => r.member_id);
}

/** Keeps only the ids that name an existing group. */
export async function existingGroupIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}
