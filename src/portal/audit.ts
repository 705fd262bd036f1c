// The audit log: every admin change (openings, charters, members, groups, invitations), readable by admins.
import type { Db } from '../storage/database.js';

export interface Actor { id: string | null; name: string }

export const SYSTEM: Actor = { id: null, name: 'system' };

export async function audit(db: Db, actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: Date.now(), actor_id: actor.id, actor_name: actor.name, action, target, detail: JSON.stringify(detail) })
    .execute();
}

export interface AuditEntry { id: number; at: number; actorName: string; action: string; target: string; detail: Record<string, unknown> }

export async function readAudit(db: Db, opts: { before?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(opts.limit ?? 50);
  if (opts.before) q = q.where('id', '<', opts.before);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actorName: r.actor_name, action: r.action, target: r.target, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
