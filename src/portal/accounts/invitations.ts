// Invitations: one-time signup links with an expiry, made by admins. Only the token's hash is stored.
// A used invitation has `used_at` and `used_by` (the new member's id); a revoked one has `used_at`
// without `used_by`: the link is spent and nobody used it.
import type { Db } from '../../storage/database.js';
import type { Role } from '../../storage/schema.js';
import { hashToken, newToken } from './tokens.js';

export const MAX_NOTE = 200;

/** A short, stable name for an invitation in the audit log (the start of its hash, not the link). */
export const invitationAuditId = (id: string): string => `invitation:${id.slice(0, 10)}`;
export const MAX_DAYS = 365;

export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked';

export interface Invitation {
  /** The token's hash: identifies the invitation in admin pages, useless as a link. */
  id: string;
  role: Role;
  groupId: string | null;
  groupName: string | null;
  note: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
  /** The username of the member who used it, while that account exists. */
  usedByName: string | null;
  status: InvitationStatus;
}

export interface NewInvitation { role: Role; groupId: string | null; note: string; days: number; createdBy: string }

export async function createInvitation(db: Db, inv: NewInvitation, now = Date.now()): Promise<{ token: string; id: string }> {
  const { token, hash } = newToken();
  await db
    .insertInto('invitations')
    .values({
      token_hash: hash,
      created_by: inv.createdBy,
      role: inv.role,
      group_id: inv.groupId,
      note: inv.note,
      created_at: now,
      expires_at: now + inv.days * 24 * 3600 * 1000,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { token, id: hash };
}

function statusOf(row: { used_at: number | null; used_by: string | null; expires_at: number }, now: number): InvitationStatus {
  if (row.used_at !== null) return row.used_by === null ? 'revoked' : 'used';
  return Number(row.expires_at) <= now ? 'expired' : 'pending';
}

/** Every invitation, newest first. */
export async function listInvitations(db: Db, now = Date.now()): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .leftJoin('groups', 'groups.id', 'invitations.group_id')
    .leftJoin('members', 'members.id', 'invitations.used_by')
    .select([
      'invitations.token_hash',
      'invitations.role',
      'invitations.group_id',
      'groups.name as group_name',
      'invitations.note',
      'invitations.created_by',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.used_at',
      'invitations.used_by',
      'members.username as used_by_name',
    ])
    .orderBy('invitations.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.token_hash,
    role: r.role,
    groupId: r.group_id,
    groupName: r.group_name,
    note: r.note,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    usedAt: r.used_at === null ? null : Number(r.used_at),
    usedBy: r.used_by,
    usedByName: r.used_by_name,
    status: statusOf(r, now),
  }));
}

export type InvitationState = { ok: true; role: Role; groupId: string | null } | { ok: false; reason: 'unknown' | Exclude<InvitationStatus, 'pending'> };

/** What a visitor's link is worth now. */
export async function checkInvitation(db: Db, token: string, now = Date.now()): Promise<InvitationState> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  const status = statusOf(row, now);
  return status === 'pending' ? { ok: true, role: row.role, groupId: row.group_id } : { ok: false, reason: status };
}

/**
 * Spends the invitation for a signup in progress, atomically: of two requests with the same link,
 * only one gets true. `used_by` is filled by `completeInvitation` once the account exists.
 */
export async function claimInvitation(db: Db, token: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .updateTable('invitations')
    .set({ used_at: now, used_by: '' })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function completeInvitation(db: Db, token: string, memberId: string): Promise<void> {
  await db.updateTable('invitations').set({ used_by: memberId }).where('token_hash', '=', hashToken(token)).execute();
}

/** Gives a claimed invitation back when the account could not be made after all. */
export async function releaseInvitation(db: Db, token: string): Promise<void> {
  await db.updateTable('invitations').set({ used_at: null, used_by: null }).where('token_hash', '=', hashToken(token)).where('used_by', '=', '').execute();
}

/** Revokes a pending invitation; false when it was not pending any more. */
export async function revokeInvitation(db: Db, id: string, now = Date.now()): Promise<boolean> {
  const res = await db.updateTable('invitations').set({ used_at: now, used_by: null }).where('token_hash', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
