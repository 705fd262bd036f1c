// SPDX-License-Identifier: AGPL-3.0-or-later
// What the crawler keeps: per file its last success, last error and issues; the fetch history;
// the organizations and services read from the files.
import { createHash } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import type { OrganizationInfo } from './extract.js';

export interface StoredFile { etag: string | null; lastModified: string | null; body: string | null }

/** A problem shown on the chaton's page: a validation issue or a crawl error. */
export interface FileIssue { level: 'error' | 'warning'; code: string; message: string; line?: number; key?: string; params?: Record<string, string> }

export async function loadStoredFiles(db: Db): Promise<Map<string, StoredFile>> {
  const rows = await db.selectFrom('dir_files').select(['url', 'etag', 'last_modified', 'body']).execute();
  return new Map(rows.map((r) => [r.url, { etag: r.etag, lastModified: r.last_modified, body: r.body }]));
}

function slugify(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'chaton'
  );
}

/** A stable, unique slug for the chaton's page: from its name, with a short hash of its URL if taken. */
async function slugFor(db: Db, url: string, name: string): Promise<string> {
  const existing = await db.selectFrom('dir_organizations').select('slug').where('url', '=', url).executeTakeFirst();
  const wanted = slugify(name || new URL(url).hostname);
  if (existing && existing.slug.startsWith(wanted)) return existing.slug;
  const taken = await db.selectFrom('dir_organizations').select('url').where('slug', '=', wanted).executeTakeFirst();
  if (!taken || taken.url === url) return wanted;
  return `${wanted}-${createHash('sha256').update(url).digest('hex').slice(0, 6)}`;
}

export async function saveOrganization(db: Db, url: string, info: OrganizationInfo, at: number): Promise<void> {
  const slug = await slugFor(db, url, info.name);
  // Services are searched through their own table; this is the organization's text.
  const search = [info.name, info.description, info.address, info.country_name].join(' ').toLowerCase();
  const row = { ...info, slug, funding: JSON.stringify(info.funding), socials: JSON.stringify(info.socials), search, crawled_at: at, problems: 0 };
  await db.insertInto('dir_organizations').values({ url, ...row }).onConflict((oc) => oc.column('url').doUpdateSet(row)).execute();
}

/**
 * Notes on files why part of the last crawl was cut (issues whose code starts with `cut-`), replacing
 * the notes of the crawl before: `notes` maps an organization's (or the federation's) file to its cuts.
 */
export async function markCuts(db: Db, notes: Map<string, FileIssue[]>): Promise<void> {
  const urls = [...notes.keys()];
  const rows = await db
    .selectFrom('dir_files')
    .select(['url', 'issues'])
    .where((eb) => eb.or([eb('issues', 'like', '%"code":"cut-%'), ...(urls.length ? [eb('url', 'in', urls)] : [])]))
    .execute();
  for (const row of rows) {
    let issues: FileIssue[];
    try {
      issues = JSON.parse(row.issues) as FileIssue[];
    } catch {
      issues = [];
    }
    const next = [...(notes.get(row.url) ?? []), ...issues.filter((i) => !i.code.startsWith('cut-'))];
    const json = JSON.stringify(next);
    if (json !== row.issues) await db.updateTable('dir_files').set({ issues: json }).where('url', '=', row.url).execute();
  }
}

/** After a crawl: forgets what the federation no longer lists, counts problems, trims the history. */
export async function finishCrawl(db: Db, startedAt: number, seenOrgs: Set<string>, seenServices: Set<string>, historyDays = 30): Promise<void> {
  const orgs = await db.selectFrom('dir_organizations').select('url').execute();
  const goneOrgs = orgs.map((o) => o.url).filter((u) => !seenOrgs.has(u));
  const services = await db.selectFrom('dir_services').select('url').execute();
  const goneServices = services.map((s) => s.url).filter((u) => !seenServices.has(u));
  for (let i = 0; i < goneOrgs.length; i += 500) await db.deleteFrom('dir_organizations').where('url', 'in', goneOrgs.slice(i, i + 500)).execute();
  for (let i = 0; i < goneServices.length; i += 500) await db.deleteFrom('dir_services').where('url', 'in', goneServices.slice(i, i + 500)).execute();
  await db.deleteFrom('dir_files').where('seen_at', '<', startedAt).execute();

  // Problems of a chaton: its files whose last try failed or that have validation errors or warnings.
  const files = await db.selectFrom('dir_files').select(['org_url', 'last_error', 'issues']).where('org_url', '!=', '').execute();
  const problems = new Map<string, number>();
  for (const f of files) if (f.last_error || f.issues !== '[]') problems.set(f.org_url, (problems.get(f.org_url) ?? 0) + 1);
  const current = await db.selectFrom('dir_organizations').select(['url', 'problems']).execute();
  for (const o of current) {
    const n = problems.get(o.url) ?? 0;
    if (n !== o.problems) await db.updateTable('dir_organizations').set({ problems: n }).where('url', '=', o.url).execute();
  }
  await db.deleteFrom('dir_fetch_log').where('at', '<', Date.now() - historyDays * 86400_000).execute();
}
