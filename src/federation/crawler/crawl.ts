// SPDX-License-Identifier: AGPL-3.0-or-later
// The crawl: federation → organizations (subs.*) → services (subs.*) → metrics files, with bounded
// concurrency and per-host politeness. A broken or hostile file becomes a problem of its chaton; it
// never stops the crawl. When a file can't be fetched, its last success is used.
import type { Db } from '../../storage/database.js';
import type { Config } from '../../config/schema.js';
import { checkChatonsInfosBytes, getSubs, parseChatonsInfos, type FileClass } from '../chatonsinfos/index.js';
import type { FileKind } from '../schema.js';
import { FetchError, SafeFetcher } from './fetcher.js';
import { HostScheduler } from './scheduler.js';
import { extractOrganization, extractService } from './extract.js';
import { finishCrawl, loadStoredFiles, saveOrganization, type FileIssue } from './store.js';
import { CrawlWriter } from './writer.js';

export interface CrawlProgress { done: number; total: number; errors: number }

export interface CrawlSummary {
  files: number;
  fetched: number;
  notModified: number;
  errors: number;
  organizations: number;
  services: number;
  durationMs: number;
}

export interface CrawlOptions { onProgress?: (p: CrawlProgress) => void }

const EXPECTED: Record<FileKind, FileClass | undefined> = { federation: 'Federation', organization: 'Organization', service: 'Service', metrics: undefined };
const CHILD: Record<FileKind, FileKind | null> = { federation: 'organization', organization: 'service', service: 'metrics', metrics: null };

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
  const summary: CrawlSummary = { files: 0, fetched: 0, notModified: 0, errors: 0, organizations: 0, services: 0, durationMs: 0 };
  let federationRead = false;
  const progress = (): void => opts.onProgress?.({ done: summary.files, total: seen.size, errors: summary.errors });

  const enqueue = (url: string, kind: FileKind, orgUrl: string): void => {
    if (seen.has(url) || seen.size >= d.max_files) return;
    seen.add(url);
    scheduler.push(hostOf(url), () => visit(url, kind, orgUrl));
  };

  const visit = async (url: string, kind: FileKind, orgUrl: string): Promise<void> => {
    const before = stored.get(url);
    const t0 = Date.now();
    let text: string | null;
    let changed = false;
    const at = (): number => Date.now();
    try {
      const res = await fetcher.fetch(url, before?.body ? { etag: before.etag, lastModified: before.lastModified } : undefined);
      if (res.status === 'not-modified' && before?.body) {
        text = before.body;
        writer.fileUnchanged(url, at(), Date.now() - t0);
        summary.notModified++;
      } else if (res.status === 'ok') {
        const check = checkChatonsInfosBytes(res.bytes);
        const issues: FileIssue[] = check.issues.slice(0, 200).map((i) => ({ level: i.level, code: i.code, message: i.message, params: i.params, ...(i.line ? { line: i.line } : {}), ...(i.key ? { key: i.key } : {}) }));
        const expected = EXPECTED[kind];
        if (expected && check.fileClass !== expected) issues.push({ level: 'error', code: 'wrong-class', message: `expected a ${expected} file, found ${check.fileClass ?? 'no file.class'}` });
        // PostgreSQL text can't hold NUL: a hostile file must not make the row unwritable.
        text = new TextDecoder().decode(res.bytes).replace(/\0/g, '\uFFFD');
        changed = true;
        writer.fileOk({ url, kind, org_url: orgUrl, etag: res.etag, last_modified: res.lastModified, body: text, at: at(), issues: JSON.stringify(issues) }, Date.now() - t0);
        summary.fetched++;
      } else {
        throw new FetchError('http-status', 'HTTP 304 without a stored copy');
      }
    } catch (err) {
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
    if (kind === 'federation') federationRead = true;
    if (kind === 'organization') {
      seenOrgs.add(url);
      summary.organizations++;
      if (changed || !knownOrgs.has(url)) await saveOrganization(db, url, extractOrganization(doc), at);
    } else if (kind === 'service') {
      seenServices.add(url);
      summary.services++;
      if (changed || !knownServices.has(url)) writer.service({ url, org_url: orgUrl, crawled_at: at, ...extractService(doc) });
    }
    const child = CHILD[kind];
    if (child) for (const sub of getSubs(doc)) enqueue(sub.url, child, kind === 'federation' ? sub.url : orgUrl);
  };

  enqueue(federationUrl, 'federation', '');
  await scheduler.done();
  await fetcher.close();
  await writer.flush();
  // Without the federation file (and no earlier copy), nothing is known: keep the directory as it is.
  if (federationRead) await finishCrawl(db, started, seenOrgs, seenServices);
  summary.durationMs = Date.now() - started;
  return summary;
}
