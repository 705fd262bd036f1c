// A new SQLite database gives the space of deleted rows (pruned pad checkpoints) back to the system when
// the pad's hourly job reclaims it (`PRAGMA incremental_vacuum`); an existing database is left as it was.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../src/storage/database.js';

describe('SQLite space', () => {
  it('a new database shrinks after rows are deleted and incremental_vacuum runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chaton-space-'));
    try {
      const { db, close, reclaimSpace } = openDatabase('', dir);
      const pragma = async (q: string) => Number(Object.values((await sql.raw<Record<string, unknown>>(q).execute(db)).rows[0] ?? {})[0]);
      assert.equal(await pragma('PRAGMA auto_vacuum'), 2);
      await sql`create table blobs (data blob)`.execute(db);
      for (let i = 0; i < 40; i++) await sql`insert into blobs values (${Buffer.alloc(100_000, i)})`.execute(db);
      const full = await pragma('PRAGMA page_count');
      await sql`delete from blobs`.execute(db);
      reclaimSpace();
      const after = await pragma('PRAGMA page_count');
      await close();
      assert.ok(after < full / 10, `${after} pages of ${full} left`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an existing database keeps its setting and opens as before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chaton-space-'));
    try {
      const file = join(dir, 'old.sqlite');
      const old = new SQLite(file);
      old.exec('create table t (x integer)');
      old.close();
      const { db, close, reclaimSpace } = openDatabase(`sqlite:${file}`, dir);
      const { rows } = await sql<{ auto_vacuum: number }>`PRAGMA auto_vacuum`.execute(db);
      reclaimSpace();
      await close();
      assert.equal(rows[0]?.auto_vacuum, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
