// Charter versions and their acceptances. Versions are numbered 1, 2, 3… per kind and never changed
// once published: a change is a new version.
import type { Db } from '../../storage/database.js';
import type { CharterKind } from '../../storage/schema.js';
import type { ChartersTable } from '../../storage/schema.js';
import type { Selectable } from 'kysely';
import type { Lang } from '../../i18n/index.js';
import { audit, type Actor } from '../audit.js';

export { renderCharterHtml } from './markdown.js';

/** A version: its French text and summary (the reference), and their English translation when given. */
export interface CharterVersion {
  kind: CharterKind;
  version: number;
  bodyMd: string;
  summary: string;
  bodyMdEn: string | null;
  summaryEn: string | null;
  publishedAt: number;
  publishedBy: string;
}

/** The English text of a version, given with its publication. */
export interface CharterEnglish { bodyMd: string; summary: string }

/** The text of a version in a language: English when it has one, else French (`fallback` says so). */
export interface CharterText { lang: Lang; bodyMd: string; summary: string; fallback: boolean }

export function charterText(charter: CharterVersion, lang: Lang): CharterText {
  if (lang === 'en' && charter.bodyMdEn !== null) return { lang: 'en', bodyMd: charter.bodyMdEn, summary: charter.summaryEn || charter.summary, fallback: false };
  return { lang: 'fr', bodyMd: charter.bodyMd, summary: charter.summary, fallback: lang !== 'fr' };
}

function toVersion(row: Selectable<ChartersTable>): CharterVersion {
  return {
    kind: row.kind,
    version: Number(row.version),
    bodyMd: row.body_md,
    summary: row.summary,
    bodyMdEn: row.body_md_en,
    summaryEn: row.summary_en,
    publishedAt: Number(row.published_at),
    publishedBy: row.published_by,
  };
}

export async function currentCharter(db: Db, kind: CharterKind): Promise<CharterVersion | null> {
  const row = await db.selectFrom('charters').selectAll().where('kind', '=', kind).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function charterVersion(db: Db, kind: CharterKind, version: number): Promise<CharterVersion | null> {
  const row = await db.selectFrom('charters').selectAll().where('kind', '=', kind).where('version', '=', version).executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Every version of a kind, newest first. */
export async function listVersions(db: Db, kind: CharterKind): Promise<CharterVersion[]> {
  const rows = await db.selectFrom('charters').selectAll().where('kind', '=', kind).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

// Charters are never unpublished, so "a charter of this kind exists" can be remembered once seen.
const published = new WeakMap<Db, Set<CharterKind>>();

/** True once a version of `kind` is published (cheap: remembered after the first yes). */
export async function isPublished(db: Db, kind: CharterKind): Promise<boolean> {
  if (published.get(db)?.has(kind)) return true;
  const row = await db.selectFrom('charters').select('version').where('kind', '=', kind).limit(1).executeTakeFirst();
  if (!row) return false;
  const kinds = published.get(db) ?? new Set<CharterKind>();
  kinds.add(kind);
  published.set(db, kinds);
  return true;
}

export class VersionConflictError extends Error {}

/** Publishes the next version of a kind and writes it to the audit log. Returns its number. */
export async function publishCharter(
  db: Db,
  actor: Actor,
  kind: CharterKind,
  bodyMd: string,
  summary: string,
  english: CharterEnglish | null = null,
  now = Date.now(),
): Promise<number> {
  const version = (await currentCharter(db, kind))?.version ?? 0;
  const next = version + 1;
  try {
    await db.insertInto('charters').values({
        kind,
        version: next,
        body_md: bodyMd,
        summary,
        body_md_en: english?.bodyMd ?? null,
        summary_en: english?.summary ?? null,
        published_at: now,
        published_by: actor.name,
      }).execute();
  } catch (err) {
    // Two admins publishing at the same moment: the primary key (kind, version) refuses the second.
    if (await charterVersion(db, kind, next)) throw new VersionConflictError(`${kind} v${next}`);
    throw err;
  }
  await audit(db, actor, 'charter.publish', kind, { version: next, summary, english: english !== null });
  return next;
}

/** The last version of `kind` the member accepted, or null. */
export async function lastAcceptedVersion(db: Db, memberId: string, kind: CharterKind): Promise<number | null> {
  const row = await db
    .selectFrom('charter_acceptances')
    .select('version')
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.version) : null;
}

/** The current member charter if the member has not accepted it yet, else null (also null when none is published). */
export async function pendingMemberCharter(db: Db, memberId: string): Promise<CharterVersion | null> {
  const current = await currentCharter(db, 'member');
  if (!current) return null;
  const accepted = await db
    .selectFrom('charter_acceptances')
    .select('version')
    .where('member_id', '=', memberId)
    .where('kind', '=', 'member')
    .where('version', '=', current.version)
    .executeTakeFirst();
  return accepted ? null : current;
}

/** Records that the member accepted this version (idempotent: a second call changes nothing). */
export async function recordAcceptance(db: Db, memberId: string, kind: CharterKind, version: number): Promise<void> {
  await db
    .insertInto('charter_acceptances')
    .values({ member_id: memberId, kind, version, accepted_at: Date.now() })
    .onConflict((oc) => oc.columns(['member_id', 'kind', 'version']).doNothing())
    .execute();
}

export interface AcceptanceRow { memberId: string; username: string; displayName: string; kind: CharterKind; version: number; acceptedAt: number }

/** The most recent acceptances, newest first. */
export async function recentAcceptances(db: Db, limit = 200): Promise<AcceptanceRow[]> {
  const rows = await db
    .selectFrom('charter_acceptances')
    .innerJoin('members', 'members.id', 'charter_acceptances.member_id')
    .select(['charter_acceptances.member_id', 'members.username', 'members.display_name', 'charter_acceptances.kind', 'charter_acceptances.version', 'charter_acceptances.accepted_at'])
    .orderBy('charter_acceptances.accepted_at', 'desc')
    .orderBy('members.username')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, username: r.username, displayName: r.display_name, kind: r.kind, version: Number(r.version), acceptedAt: Number(r.accepted_at) }));
}

export interface MemberCharterState { memberId: string; username: string; displayName: string; lastVersion: number | null; acceptedAt: number | null }

/** Every member with the last member-charter version they accepted (null: never), by username. */
export async function memberCharterStates(db: Db): Promise<MemberCharterState[]> {
  const members = await db.selectFrom('members').select(['id', 'username', 'display_name']).orderBy('username').execute();
  const accepted = await db
    .selectFrom('charter_acceptances')
    .select(['member_id', 'version', 'accepted_at'])
    .where('kind', '=', 'member')
    .orderBy('version', 'desc')
    .execute();
  const last = new Map<string, { version: number; at: number }>();
  for (const a of accepted) if (!last.has(a.member_id)) last.set(a.member_id, { version: Number(a.version), at: Number(a.accepted_at) });
  return members.map((m) => {
    const l = last.get(m.id);
    return { memberId: m.id, username: m.username, displayName: m.display_name, lastVersion: l?.version ?? null, acceptedAt: l?.at ?? null };
  });
}
