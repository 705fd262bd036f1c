// The database: Kysely over better-sqlite3 (embedded default, WAL) or pg (PostgreSQL), and migrations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type SQLiteDriver from 'better-sqlite3';
import type pgDriver from 'pg';
import { lazy } from '../lazy.js';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import { coreMigration0001 } from './migrations/0001_core.js';
import { coreMigration0002 } from './migrations/0002_mail.js';
import { coreMigration0003 } from './migrations/0003_charter_english.js';
import { CachedStatements } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

// Each driver is loaded only when its database is used: a chaton on SQLite never loads pg, and back.
const loadSqlite = lazy<typeof SQLiteDriver>('better-sqlite3');
const loadPgDriver = lazy<typeof pgDriver>('pg');
function loadPg(): typeof pgDriver {
  const pg = loadPgDriver();
  // PostgreSQL returns bigint (int8) as strings by default; our bigints are epoch milliseconds.
  pg.types.setTypeParser(20, (v) => Number(v));
  return pg;
}

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  close: () => Promise<void>;
  /** Gives the free pages of a SQLite database created with auto_vacuum back to the system (else nothing). */
  reclaimSpace: () => void;
}

/** Opens the database named by `url` (empty: SQLite file in dataDir). */
export function openDatabase(url: string, dataDir: string): OpenedDatabase {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new (loadPg().Pool)({ connectionString: url, max: 10 });
    // An idle connection that breaks (server restart, database dropped) just leaves the pool; without
    // this listener pg re-emits the error on the pool and it crashes the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy(), reclaimSpace: () => undefined };
  }
  let file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file === '') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'chaton.sqlite');
  }
  const SQLite = loadSqlite();
  const sqlite = new SQLite(file);
  // A new database gives back the space of deleted rows (pruned pad checkpoints, compacted history) when
  // `reclaimSpace` runs (the pad's hourly job): this can only be chosen before the first table.
  // An older database reuses that space for new rows but never shrinks (docs/admin-guide.md: `VACUUM`).
  if ((sqlite.prepare('select count(*) as n from sqlite_master').get() as { n: number }).n === 0) sqlite.pragma('auto_vacuum = INCREMENTAL');
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives a power cut too, so an acknowledged edit is really durable.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new CachedStatements(sqlite) }) });
  // Through the driver: a statement run through Kysely frees one page per run, `pragma()` runs it through.
  return { db, dialect: 'sqlite', close: () => db.destroy(), reclaimSpace: () => void sqlite.pragma('incremental_vacuum') };
}

/** A named, ordered list of migrations: the core's, or one module's. */
export interface MigrationSet { name: string; migrations: (dialect: Dialect) => Record<string, Migration> }

export const coreMigrations: MigrationSet = {
  name: 'core',
  migrations: (dialect) => ({ '0001_core': coreMigration0001(dialect), '0002_mail': coreMigration0002(dialect), '0003_charter_english': coreMigration0003() }),
};

/** Runs every pending migration of each set, each set with its own migration table. */
export async function migrate(db: Db, dialect: Dialect, sets: MigrationSet[]): Promise<string[]> {
  const applied: string[] = [];
  for (const set of sets) {
    const provider: MigrationProvider = { getMigrations: async () => set.migrations(dialect) };
    const migrator = new Migrator({
      db,
      provider,
      migrationTableName: set.name === 'core' ? 'kysely_migration' : `${set.name}_migration`,
      migrationLockTableName: set.name === 'core' ? 'kysely_migration_lock' : `${set.name}_migration_lock`,
    });
    const { error, results } = await migrator.migrateToLatest();
    for (const r of results ?? []) if (r.status === 'Success') applied.push(`${set.name}/${r.migrationName}`);
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }
  return applied;
}

/** True when a trivial query answers. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
