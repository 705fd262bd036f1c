// SPDX-License-Identifier: AGPL-3.0-or-later
// Writes a crawl's results in batches: one multi-row statement per kind of change instead of several
// statements per file (11,000 files re-crawled would otherwise be 22,000 statements). If a batch is
// refused (a value the database can't hold), its rows are written one by one so only the bad one fails.
import { truncateText } from '../../i18n/text-length.js';
import type { Db } from '../../storage/database.js';
import type { FileKind } from '../schema.js';
import type { ServiceInfo } from './extract.js';

const BATCH = 200;

interface OkFile { url: string; kind: FileKind; org_url: string; etag: string | null; last_modified: string | null; body: string; at: number; issues: string }
interface ErrorFile { url: string; kind: FileKind; org_url: string; error: string; at: number; issues: string }
interface LogRow { url: string; at: number; outcome: 'ok' | 'not-modified' | 'error'; detail: string; duration_ms: number }
interface ServiceRow extends ServiceInfo { url: string; org_url: string; crawled_at: number }

export class CrawlWriter {
  private ok: OkFile[] = [];
  private errors: ErrorFile[] = [];
  private unchanged: { url: string; at: number }[] = [];
  private kept: { url: string; at: number }[] = [];
  private log: LogRow[] = [];
  private services: ServiceRow[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  fileOk(f: OkFile, durationMs: number): void {
    this.ok.push(f);
    this.log.push({ url: f.url, at: f.at, outcome: 'ok', detail: `${f.body.length} characters`, duration_ms: durationMs });
    this.maybeFlush();
  }

  fileUnchanged(url: string, at: number, durationMs: number): void {
    this.unchanged.push({ url, at });
    this.log.push({ url, at, outcome: 'not-modified', detail: '', duration_ms: durationMs });
    this.maybeFlush();
  }

  /** A file a budget left unfetched: still listed, so its last good copy is kept. */
  fileKept(url: string, at: number): void {
    this.kept.push({ url, at });
    this.maybeFlush();
  }

  fileError(f: ErrorFile, durationMs: number): void {
    this.errors.push(f);
    this.log.push({ url: f.url, at: f.at, outcome: 'error', detail: truncateText(f.error, 500), duration_ms: durationMs });
    this.maybeFlush();
  }

  service(row: ServiceRow): void {
    this.services.push(row);
    this.maybeFlush();
  }

  private maybeFlush(): void {
    if (this.log.length >= BATCH || this.services.length >= BATCH || this.kept.length >= BATCH) void this.flush();
  }

  /** Writes everything buffered so far (flushes run one after the other). */
  flush(): Promise<void> {
    const ok = this.ok.splice(0);
    const errors = this.errors.splice(0);
    const unchanged = this.unchanged.splice(0);
    const kept = this.kept.splice(0);
    const log = this.log.splice(0);
    const services = this.services.splice(0);
    // A failed write must not stop the later ones; the rows of a refused batch are retried one by one.
    this.flushing = this.flushing.then(() => this.write(ok, errors, unchanged, kept, log, services)).catch(() => undefined);
    return this.flushing;
  }

  private async write(ok: OkFile[], errors: ErrorFile[], unchanged: { url: string; at: number }[], kept: { url: string; at: number }[], log: LogRow[], services: ServiceRow[]): Promise<void> {
    const db = this.db;
    await tryBatch(ok, (rows) =>
      db
        .insertInto('dir_files')
        .values(rows.map((f) => ({ url: f.url, kind: f.kind, org_url: f.org_url, etag: f.etag, last_modified: f.last_modified, body: f.body, last_success_at: f.at, last_checked_at: f.at, last_error: null, last_error_at: null, issues: f.issues, seen_at: f.at })))
        .onConflict((oc) =>
          oc.column('url').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'), org_url: eb.ref('excluded.org_url'), etag: eb.ref('excluded.etag'), last_modified: eb.ref('excluded.last_modified'), body: eb.ref('excluded.body'),
            last_success_at: eb.ref('excluded.last_success_at'), last_checked_at: eb.ref('excluded.last_checked_at'), last_error: null, last_error_at: null, issues: eb.ref('excluded.issues'), seen_at: eb.ref('excluded.seen_at'),
          })),
        )
        .execute(),
    );
    await tryBatch(errors, (rows) =>
      db
        .insertInto('dir_files')
        .values(rows.map((f) => ({ url: f.url, kind: f.kind, org_url: f.org_url, etag: null, last_modified: null, body: null, last_success_at: null, last_checked_at: f.at, last_error: f.error, last_error_at: f.at, issues: f.issues, seen_at: f.at })))
        .onConflict((oc) =>
          oc.column('url').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'), org_url: eb.ref('excluded.org_url'), last_checked_at: eb.ref('excluded.last_checked_at'), last_error: eb.ref('excluded.last_error'),
            last_error_at: eb.ref('excluded.last_error_at'), issues: eb.ref('excluded.issues'), seen_at: eb.ref('excluded.seen_at'),
          })),
        )
        .execute(),
    );
    if (unchanged.length) {
      // One timestamp for the batch: the last check of the batch.
      const at = Math.max(...unchanged.map((u) => u.at));
      await db.updateTable('dir_files').set({ last_checked_at: at, seen_at: at, last_error: null, last_error_at: null }).where('url', 'in', unchanged.map((u) => u.url)).execute();
    }
    if (kept.length) {
      // Only seen: the last check, error and issues stay what they were.
      const at = Math.max(...kept.map((k) => k.at));
      await db.updateTable('dir_files').set({ seen_at: at }).where('url', 'in', kept.map((k) => k.url)).execute();
    }
    await tryBatch(services, (rows) =>
      db
        .insertInto('dir_services')
        .values(rows.map((s) => ({ ...s, health: 'unknown' as const, health_checked_at: null })))
        .onConflict((oc) =>
          oc.column('url').doUpdateSet((eb) => ({
            org_url: eb.ref('excluded.org_url'), name: eb.ref('excluded.name'), description: eb.ref('excluded.description'), website: eb.ref('excluded.website'), kind: eb.ref('excluded.kind'),
            software_name: eb.ref('excluded.software_name'), software_website: eb.ref('excluded.software_website'), license: eb.ref('excluded.license'), registration: eb.ref('excluded.registration'),
            registration_load: eb.ref('excluded.registration_load'), status_level: eb.ref('excluded.status_level'), startdate: eb.ref('excluded.startdate'), enddate: eb.ref('excluded.enddate'),
            crawled_at: eb.ref('excluded.crawled_at'),
          })),
        )
        .execute(),
    );
    await tryBatch(log, (rows) => db.insertInto('dir_fetch_log').values(rows).execute());
  }
}

/** Writes `rows` in one statement; when refused, one by one, dropping only the rows that fail. */
async function tryBatch<T>(rows: T[], write: (rows: T[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  try {
    await write(rows);
  } catch {
    for (const row of rows) await write([row]).catch(() => undefined);
  }
}
