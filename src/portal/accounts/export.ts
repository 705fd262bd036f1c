// "Download all my data": everything the chaton keeps about a member, as JSON. Never the password hash.
import type { Db } from '../../storage/database.js';
import { getMemberRow } from './members.js';

export interface MemberExport {
  format: 'chaton-member-export';
  version: 1;
  exportedAt: string;
  chaton: string;
  profile: { id: string; username: string; displayName: string; email: string | null; role: string; admitted: boolean; createdAt: string; lastLoginAt: string | null };
  groups: { id: string; name: string; description: string }[];
  charterAcceptances: { kind: string; version: number; acceptedAt: string }[];
  sessions: { count: number };
  /** Filled by the services that keep data tied to the account (none yet). */
  services: Record<string, unknown>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export async function exportMemberData(db: Db, memberId: string, chaton: string, now = Date.now()): Promise<MemberExport | null> {
  const member = await getMemberRow(db, memberId);
  if (!member) return null;
  const groups = await db
    .selectFrom('member_groups')
    .innerJoin('groups', 'groups.id', 'member_groups.group_id')
    .select(['groups.id', 'groups.name', 'groups.description'])
    .where('member_groups.member_id', '=', memberId)
    .orderBy('groups.name')
    .execute();
  const acceptances = await db
    .selectFrom('charter_acceptances')
    .select(['kind', 'version', 'accepted_at'])
    .where('member_id', '=', memberId)
    .orderBy('accepted_at')
    .execute();
  const sessions = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return {
    format: 'chaton-member-export',
    version: 1,
    exportedAt: iso(now),
    chaton,
    profile: {
      id: member.id,
      username: member.username,
      displayName: member.displayName,
      email: member.email,
      role: member.role,
      admitted: member.admitted,
      createdAt: iso(member.createdAt),
      lastLoginAt: member.lastLoginAt === null ? null : iso(member.lastLoginAt),
    },
    groups,
    charterAcceptances: acceptances.map((a) => ({ kind: a.kind, version: Number(a.version), acceptedAt: iso(Number(a.accepted_at)) })),
    sessions: { count: Number(sessions?.n ?? 0) },
    services: {},
  };
}
