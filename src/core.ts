// The running chaton's shared parts, made once at start and handed to the server, the jobs and the
// modules: configuration, database, blob store, bus, service registry, openings, address hashing.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createLogger as createLoggerFor } from './server/logging.js';
import type { Config } from './config/schema.js';
import { coreMigrations, migrate, openDatabase, type Db, type Dialect, type MigrationSet } from './storage/database.js';
import { FsBlobStore, type BlobStore } from './storage/blob-store.js';
import { openBus, type Bus } from './storage/bus.js';
import type { ServiceModule } from './modules/contract.js';
import { builtinModules } from './modules/index.js';
import { ServiceRegistry } from './portal/services/registry.js';
import { OpeningStore } from './portal/policy/openings.js';
import { IpHasher } from './server/ip-hash.js';
import { JobRunner } from './server/jobs.js';
import { checkAll } from './portal/services/health.js';
import { federationMigrations } from './federation/migrations.js';
import { scheduleDirectoryJobs } from './federation/crawler/jobs.js';
import { MailQueue } from './mail/queue.js';

export interface Core {
  config: Config;
  db: Db;
  dialect: Dialect;
  blobs: BlobStore;
  bus: Bus;
  log: Logger;
  modules: ServiceModule[];
  services: ServiceRegistry;
  openings: OpeningStore;
  ipHasher: IpHasher;
  jobs: JobRunner;
  /** Outgoing e-mail (src/mail): enqueue, then kick; nothing happens when [mail] has no host. */
  mail: MailQueue;
  /** Gives the database's free pages back to the system (SQLite created with auto_vacuum; else nothing). */
  reclaimSpace(): void;
  close(): Promise<void>;
}

export function migrationSets(modules: ServiceModule[]): MigrationSet[] {
  return [coreMigrations, federationMigrations, ...modules.filter((m) => m.migrations).map((m) => ({ name: m.id, migrations: m.migrations! }))];
}

export function createLogger(config: Config): Logger {
  return createLoggerFor(config.log_level);
}

export interface CoreOptions { modules?: ServiceModule[]; log?: Logger; runJobs?: boolean }

/** Opens storage, runs migrations and starts what runs in the background. */
export async function createCore(config: Config, opts: CoreOptions = {}): Promise<Core> {
  const log = opts.log ?? createLogger(config);
  const modules = opts.modules ?? builtinModules;
  const { db, dialect, close: closeDb, reclaimSpace } = openDatabase(config.database.url, config.data_dir);
  try {
    const applied = await migrate(db, dialect, migrationSets(modules));
    if (applied.length) log.info({ applied }, 'database migrated');
  } catch (err) {
    await closeDb();
    throw err;
  }
  const bus = await openBus(config.redis.url);
  // The S3 client is big: loaded only when the config asks for it.
  const blobs = config.blobs.backend === 's3' ? new (await import('./storage/s3-blob-store.js')).S3BlobStore(config.blobs.s3) : new FsBlobStore(join(config.data_dir, 'blobs'));
  const services = new ServiceRegistry(modules, config);
  const openings = new OpeningStore(db, bus, services);
  const ipHasher = new IpHasher(db);
  const jobs = new JobRunner(db, log);
  const mail = new MailQueue(db, config, log);
  await openings.start();
  await ipHasher.start();

  const core: Core = {
    config, db, dialect, blobs, bus, log, modules, services, openings, ipHasher, jobs, mail, reclaimSpace,
    async close() {
      await jobs.stop();
      await mail.idle();
      ipHasher.stop();
      await openings.stop();
      await bus.close();
      await closeDb();
    },
  };
  if (opts.runJobs !== false) {
    jobs.schedule({ name: 'health', intervalSeconds: config.health.interval_seconds, run: () => checkAll(core) });
    jobs.schedule({ name: 'sessions-purge', intervalSeconds: 3600, run: async () => { await db.deleteFrom('sessions').where('expires_at', '<', Date.now()).execute(); } });
    if (mail.configured) {
      jobs.schedule({ name: 'mail', intervalSeconds: 30, run: async () => { await mail.drain(); await mail.purge(); } });
    }
    if (config.directory.enabled) scheduleDirectoryJobs(core);
    for (const m of modules) for (const job of m.jobs ?? []) jobs.schedule({ name: `${m.id}:${job.name}`, intervalSeconds: job.intervalSeconds, run: () => job.run(core) });
  }
  return core;
}
