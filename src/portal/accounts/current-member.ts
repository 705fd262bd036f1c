// The member behind a request, as loaded from the session.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/schema.js';

export interface CurrentMember {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  admitted: boolean;
  groups: { id: string; name: string }[];
}

export async function loadMember(db: Db, id: string): Promise<CurrentMember | null> {
  const row = await db.selectFrom('members').select(['id', 'username', 'display_name', 'role', 'admitted']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const groups = await db
    .selectFrom('member_groups')
    .innerJoin('groups', 'groups.id', 'member_groups.group_id')
    .select(['groups.id', 'groups.name'])
    .where('member_groups.member_id', '=', id)
    .orderBy('groups.name')
    .execute();
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, admitted: row.admitted === 1, groups };
}
