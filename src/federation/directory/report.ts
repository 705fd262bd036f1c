// SPDX-License-Identifier: AGPL-3.0-or-later
// Reads the crawl report from the crawl's tables: the federation file's row (when, cuts) and the files
// whose last try failed or that have validator errors.
import type { Db } from '../../storage/database.js';
import type { FileIssue } from '../crawler/store.js';
import type { CrawlReport, ReportFile } from './report-page.js';

/** At most this many files are listed (the worst federations have a few hundred). */
export const REPORT_LIMIT = 500;

// Reading the files' issues scans the table (bodies included): a report is kept for a minute, or until
// the next crawl, so that visitors reloading the page cost nothing.
let cache: { db: Db; crawl: number | null; at: number; value: CrawlReport } | undefined;

export async function crawlReport(db: Db): Promise<CrawlReport> {
  const last = await db.selectFrom('dir_files').select('last_checked_at').where('kind', '=', 'federation').orderBy('last_checked_at', 'desc').executeTakeFirst();
  const crawl = last?.last_checked_at ?? null;
  if (cache && cache.db === db && cache.crawl === crawl && Date.now() - cache.at < 60_000) return cache.value;
  const value = await readReport(db);
  cache = { db, crawl, at: Date.now(), value };
  return value;
}

async function readReport(db: Db): Promise<CrawlReport> {
  const federation = await db.selectFrom('dir_files').select(['last_checked_at', 'issues']).where('kind', '=', 'federation').orderBy('last_checked_at', 'desc').executeTakeFirst();
  let cuts: FileIssue[];
  try {
    cuts = federation ? (JSON.parse(federation.issues) as FileIssue[]).filter((i) => i.code.startsWith('cut-')) : [];
  } catch {
    cuts = [];
  }
  const rows = await db
    .selectFrom('dir_files')
    .select(['url', 'kind', 'org_url', 'last_error', 'last_error_at', 'last_checked_at', 'last_success_at', 'issues'])
    .where((eb) => eb.or([eb('last_error', 'is not', null), eb('issues', 'like', '%"level":"error"%')]))
    .orderBy('org_url')
    .orderBy('url')
    .limit(REPORT_LIMIT)
    .execute();
  const orgUrls = [...new Set(rows.map((r) => r.org_url).filter(Boolean))];
  const serviceUrls = rows.filter((r) => r.kind === 'service').map((r) => r.url);
  const orgs = orgUrls.length ? await db.selectFrom('dir_organizations').select(['url', 'slug', 'name']).where('url', 'in', orgUrls).execute() : [];
  const services = serviceUrls.length ? await db.selectFrom('dir_services').select('url').where('url', 'in', serviceUrls).execute() : [];
  const orgByUrl = new Map(orgs.map((o) => [o.url, { slug: o.slug, name: o.name }]));
  const shownServices = new Set(services.map((s) => s.url));
  const files: ReportFile[] = rows.map((r) => ({
    url: r.url,
    kind: r.kind,
    last_error: r.last_error,
    last_error_at: r.last_error_at,
    last_checked_at: r.last_checked_at,
    last_success_at: r.last_success_at,
    issues: r.issues,
    chaton: orgByUrl.get(r.org_url) ?? null,
    published: r.kind === 'organization' ? orgByUrl.has(r.url) : r.kind === 'service' ? shownServices.has(r.url) : null,
  }));
  return { lastCrawlAt: federation?.last_checked_at ?? null, cuts, files, limit: REPORT_LIMIT };
}
