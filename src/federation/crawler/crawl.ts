// SPDX-License-Identifier: AGPL-3.0-or-later
// The crawl: federation → organizations (subs.*) → services (subs.*) → metrics files, with bounded
// concurrency and per-host politeness. A broken or hostile file becomes a problem of its chaton; it
// never stops the crawl. When a file can't be fetched, its last success is used; an organization or
// service file with validator errors never enters the directory (its last valid copy is used).
// Budgets: files and bytes per organization, files and time per crawl. What a budget leaves unfetched
// keeps its last good copy, and the cut is noted on the organization's file (or the federation's).
import type { Db } from '../../storage/database.js';
import type { Config } from '../../config/schema.js';
import { checkChatonsInfosBytes, getSubs, parseChatonsInfos, validateChatonsInfos, type ChatonsInfosDocument, type FileClass } from '../chatonsinfos/index.js';
import type { FileKind } from '../schema.js';
import { FetchError, SafeFetcher } from './fetcher.js';
import { HostScheduler } from './scheduler.js';
import { extractOrganization, extractService } from './extract.js';
import { finishCrawl, loadStoredFiles, markCuts, saveOrganization, type FileIssue } from './store.js';
import { CrawlWriter } from './writer.js';
import { reclassifyServices } from './reclassify.js';

export interface CrawlProgress { done: number; total: number; errors: number }

export interface CrawlSummary {
  files: number;
  fetched: number;
  notModified: number;
  errors: number;
  /** Organization and service files refused by the validator (kept out of the directory). */
  invalid: number;
  /** Files not fetched because a budget ran out, described by their last good copy. */
  kept: number;
  organizations: number;
  services: number;
  /** Crawl-wide cuts ('cut-time', 'cut-max-files') and the organizations whose crawl was cut. */
  cuts: string[];
  cutOrganizations: number;
  durationMs: number;
}

export interface CrawlOptions { onProgress?: (p: CrawlProgress) => void }

const EXPECTED: Record<FileKind, FileClass | undefined> = { federation: 'Federation', organization: 'Organization', service: 'Service', metrics: undefined };
const CHILD: Record<FileKind, FileKind | null> = { federation: 'organization', organization: 'service', service: 'metrics', metrics: null };
/** The files that enter the public directory, and so must pass the validator. */
const PUBLISHED: ReadonlySet<FileKind> = new Set(['organization', 'service']);

/** Builds the fetcher the config describes. */
export function fetcherFor(config: Config): SafeFetcher {
  const d = config.directory;
  return new SafeFetcher(
    { allowPrivate: d.allow_private_addresses, allowed: d.allowed_addresses },
    { timeoutMs: d.timeout_ms, maxBytes: d.max_file_bytes, maxRedirects: d.max_redirects, userAgent: d.user_agent },
    Math.max(d.concurrency, 4),
  );
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/** True when a stored copy may describe a published organization or service. */
function passes(kind: FileKind, doc: ChatonsInfosDocument): boolean {
  const r = validateChatonsInfos(doc);
  return r.errors === 0 && r.fileClass === EXPECTED[kind];
}

interface Pending { url: string; kind: FileKind; orgUrl: string }

/** Crawls the federation at `federationUrl` into the directory tables. */
export async function crawlFederation(db: Db, config: Config, federationUrl: string, opts: CrawlOptions = {}): Promise<CrawlSummary> {
  const d = config.directory;
  const started = Date.now();
  const stored = await loadStoredFiles(db);
  const knownOrgs = new Set((await db.selectFrom('dir_organizations').select('url').execute()).map((r) => r.url));
  const knownServices = new Set((await db.selectFrom('dir_services').select('url').execute()).map((r) => r.url));
  const fetcher = fetcherFor(config);
  const scheduler = new HostScheduler({ concurrency: d.concurrency, perHost: d.per_host_concurrency, delayMs: d.per_host_delay_ms });
  const writer = new CrawlWriter(db);
  const seen = new Set<string>();
  const seenOrgs = new Set<string>();
  const seenServices = new Set<string>();
  const summary: CrawlSummary = { files: 0, fetched: 0, notModified: 0, errors: 0, invalid: 0, kept: 0, organizations: 0, services: 0, cuts: [], cutOrganizations: 0, durationMs: 0 };
  let federationRead = false;
  let queued = 0;
  const progress = (): void => opts.onProgress?.({ done: summary.files, total: queued, errors: summary.errors });

  // Budgets. What they leave out waits in `deferred` and is read from its last good copy at the end.
  const orgFiles = new Map<string, number>();
  const orgBytes = new Map<string, number>();
  const waiting = new Map<string, Pending>();
  const deferred: Pending[] = [];
  const kept = new Set<string>();
  let draining = false;
  const crawlCuts = new Map<string, FileIssue>();
  const orgCuts = new Map<string, FileIssue>();
  const CUTS = {
    'cut-time': { message: `the crawl stopped after ${d.crawl_max_seconds} s (directory.crawl_max_seconds)`, params: { n: String(d.crawl_max_seconds) } },
    'cut-max-files': { message: `the crawl stopped after ${d.max_files} files (directory.max_files)`, params: { n: String(d.max_files) } },
    'cut-files': { message: `more than ${d.max_files_per_organization} files for one organization (directory.max_files_per_organization)`, params: { n: String(d.max_files_per_organization) } },
    'cut-bytes': { message: `more than ${d.max_bytes_per_organization} bytes for one organization (directory.max_bytes_per_organization)`, params: { n: String(d.max_bytes_per_organization) } },
  } as const;
  type Cut = keyof typeof CUTS;
  const issueOf = (code: Cut): FileIssue => ({ level: 'error', code, ...CUTS[code] });
  /** Keeps a file left out for later, when it has a last good copy (memory stays bounded by what is stored). */
  const keepLater = (p: Pending): void => {
    if (!stored.get(p.url)?.body) return;
    seen.add(p.url);
    deferred.push(p);
  };
  /** Notes why part of the crawl was left out; `orgUrl` '' is the federation itself. */
  const cut = (code: Cut, p: Pending): void => {
    if (code === 'cut-time' || code === 'cut-max-files') crawlCuts.set(code, issueOf(code));
    if (p.orgUrl && !orgCuts.has(p.orgUrl)) orgCuts.set(p.orgUrl, issueOf(code));
    keepLater(p);
  };
  const stop = new AbortController();
  const deadline = setTimeout(() => {
    stop.abort();
    // Files queued but not started are read from their last good copy.
    scheduler.clear();
  }, d.crawl_max_seconds * 1000);

  const enqueue = (url: string, kind: FileKind, orgUrl: string): void => {
    if (seen.has(url)) return;
    const p = { url, kind, orgUrl };
    // Children of a file read from its last good copy: left out for the same reason as their parent.
    if (draining) return keepLater(p);
    if (stop.signal.aborted) return cut('cut-time', p);
    if (queued >= d.max_files) return cut('cut-max-files', p);
    if (orgUrl) {
      const n = (orgFiles.get(orgUrl) ?? 0) + 1;
      if (n > d.max_files_per_organization) return cut('cut-files', p);
      orgFiles.set(orgUrl, n);
    }
    seen.add(url);
    queued++;
    waiting.set(url, p);
    // Each organization takes its turn on a shared host: a huge one does not hold back those after it.
    scheduler.push(hostOf(url), () => visit(p), orgUrl);
  };

  const visit = async (p: Pending): Promise<void> => {
    const { url, kind, orgUrl } = p;
    waiting.delete(url);
    if (stop.signal.aborted) return cut('cut-time', p);
    if (orgUrl && (orgBytes.get(orgUrl) ?? 0) >= d.max_bytes_per_organization) return cut('cut-bytes', p);
    const before = stored.get(url);
    const t0 = Date.now();
    let text: string | null;
    let changed = false;
    const at = (): number => Date.now();
    try {
      const res = await fetcher.fetch(url, before?.body ? { etag: before.etag, lastModified: before.lastModified } : undefined, stop.signal);
      if (res.status === 'not-modified' && before?.body) {
        text = before.body;
        writer.fileUnchanged(url, at(), Date.now() - t0);
        summary.notModified++;
      } else if (res.status === 'ok') {
        if (orgUrl) orgBytes.set(orgUrl, (orgBytes.get(orgUrl) ?? 0) + res.bytes.byteLength);
        const check = checkChatonsInfosBytes(res.bytes, res.contentType);
        const issues: FileIssue[] = check.issues.slice(0, 200).map((i) => ({ level: i.level, code: i.code, message: i.message, params: i.params, ...(i.line ? { line: i.line } : {}), ...(i.key ? { key: i.key } : {}) }));
        const expected = EXPECTED[kind];
        const wrongClass = expected !== undefined && check.fileClass !== expected;
        if (wrongClass) issues.push({ level: 'error', code: 'wrong-class', message: `expected a ${expected} file, found ${check.fileClass ?? 'no file.class'}` });
        const errors = check.errors + (wrongClass ? 1 : 0);
        if (PUBLISHED.has(kind) && errors > 0) {
          // Refused: the file's problems are shown; its last valid copy (if any) still describes it.
          summary.invalid++;
          summary.errors++;
          writer.fileError({ url, kind, org_url: orgUrl, error: `invalid: ${errors} error(s)`, at: at(), issues: JSON.stringify(issues) }, Date.now() - t0);
          text = before?.body ?? null;
        } else {
          // PostgreSQL text can't hold NUL: a hostile file must not make the row unwritable.
          text = check.decoded.text.replace(/\0/g, '\uFFFD');
          changed = true;
          writer.fileOk({ url, kind, org_url: orgUrl, etag: res.etag, last_modified: res.lastModified, body: text, at: at(), issues: JSON.stringify(issues) }, Date.now() - t0);
          summary.fetched++;
        }
      } else {
        throw new FetchError('http-status', 'HTTP 304 without a stored copy');
      }
    } catch (err) {
      // Stopped by the time budget: not this file's fault.
      if (stop.signal.aborted) return cut('cut-time', p);
      const e = err instanceof FetchError ? err : new FetchError('network', (err as Error).message);
      summary.errors++;
      const issues: FileIssue[] = [{ level: 'error', code: e.code, message: e.message }];
      writer.fileError({ url, kind, org_url: orgUrl, error: `${e.code}: ${e.message}`, at: at(), issues: JSON.stringify(issues) }, Date.now() - t0);
      // The last success still describes the chaton until the file answers again.
      text = before?.body ?? null;
    }
    try {
      if (text !== null) await use(url, kind, orgUrl, text, changed, Date.now());
    } catch {
      // A value the database refuses is this file's problem, not the crawl's.
      summary.errors++;
    }
    summary.files++;
    progress();
  };

  const use = async (url: string, kind: FileKind, orgUrl: string, text: string, changed: boolean, at: number): Promise<void> => {
    // An unchanged service file without subs needs no parsing (most of a re-crawl).
    if (kind === 'service' && !changed && knownServices.has(url) && !text.includes('subs.')) {
      seenServices.add(url);
      summary.services++;
      return;
    }
    const doc = parseChatonsInfos(text);
    const known = kind === 'organization' ? knownOrgs.has(url) : knownServices.has(url);
    // A stored copy never published (or stored before files were validated) must pass the validator too.
    if (PUBLISHED.has(kind) && !changed && !known && !passes(kind, doc)) return;
    if (kind === 'federation') federationRead = true;
    if (kind === 'organization') {
      seenOrgs.add(url);
      summary.organizations++;
      if (changed || !known) await saveOrganization(db, url, extractOrganization(doc), at);
    } else if (kind === 'service') {
      seenServices.add(url);
      summary.services++;
      if (changed || !known) writer.service({ url, org_url: orgUrl, crawled_at: at, ...extractService(doc) });
    }
    const child = CHILD[kind];
    if (child) for (const sub of getSubs(doc)) enqueue(sub.url, child, kind === 'federation' ? sub.url : orgUrl);
  };

  enqueue(federationUrl, 'federation', '');
  await scheduler.done();
  clearTimeout(deadline);
  // What a budget left out: its last good copy describes it (and its children, left out too).
  draining = true;
  for (const p of waiting.values()) cut('cut-time', p);
  waiting.clear();
  for (let p = deferred.shift(); p; p = deferred.shift()) {
    const body = stored.get(p.url)?.body;
    if (!body) continue;
    // Each kept file once (a cut file may be noted both when listed and when its turn came).
    if (kept.has(p.url)) continue;
    kept.add(p.url);
    writer.fileKept(p.url, Date.now());
    summary.kept++;
    try {
      await use(p.url, p.kind, p.orgUrl, body, false, Date.now());
    } catch {
      summary.errors++;
    }
  }
  await fetcher.close();
  await writer.flush();
  // Unchanged files are not read again: their services follow the current rules of kinds all the same.
  await reclassifyServices(db);
  summary.cuts = [...crawlCuts.keys()];
  summary.cutOrganizations = orgCuts.size;
  const notes = new Map<string, FileIssue[]>([...orgCuts].map(([url, issue]) => [url, [issue]]));
  if (crawlCuts.size) notes.set(federationUrl, [...crawlCuts.values()]);
  await markCuts(db, notes);
  // Without the federation file (and no earlier copy), nothing is known: keep the directory as it is.
  if (federationRead) await finishCrawl(db, started, seenOrgs, seenServices);
  summary.durationMs = Date.now() - started;
  return summary;
}
