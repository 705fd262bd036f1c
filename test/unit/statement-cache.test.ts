// The prepared statements of SQLite kept between queries (src/storage/statement-cache.ts): one prepare per
// distinct SQL text, the least recently used dropped past the bound, and results unchanged through Kysely.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { CachedStatements } from '../../src/storage/statement-cache.js';
import { openDatabase } from '../../src/storage/database.js';

/** A connection that counts its prepares. */
function counting(): { connection: SQLite.Database; prepares: () => number } {
  const connection = new SQLite(':memory:');
  let n = 0;
  const prepare = connection.prepare.bind(connection);
  connection.prepare = ((source: string) => {
    n++;
    return prepare(source);
  }) as typeof connection.prepare;
  return { connection, prepares: () => n };
}

describe('cached SQLite statements', () => {
  it('prepares each SQL text once, whatever the parameters', async () => {
    const { connection, prepares } = counting();
    const db = new Kysely<{ t: { id: number; v: string } }>({ dialect: new SqliteDialect({ database: new CachedStatements(connection) }) });
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const before = prepares();
    for (let i = 0; i < 50; i++) await db.insertInto('t').values({ id: i, v: `v${i}` }).execute();
    for (let i = 0; i < 50; i++) assert.equal((await db.selectFrom('t').select('v').where('id', '=', i).executeTakeFirst())?.v, `v${i}`);
    assert.equal(prepares() - before, 2);
    await db.destroy();
  });

  it('keeps at most its bound of statements, dropping the least recently used', () => {
    const { connection, prepares } = counting();
    const cache = new CachedStatements(connection, 2);
    cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1'); // used again: 'select 2' is now the oldest
    cache.prepare('select 3');
    assert.equal(cache.size, 2);
    const n = prepares();
    cache.prepare('select 1');
    assert.equal(prepares(), n, 'select 1 was kept');
    cache.prepare('select 2');
    assert.equal(prepares(), n + 1, 'select 2 had gone');
    cache.close();
  });

  it('is what the chaton opens on SQLite, transactions included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chaton-stmt-'));
    const { db, close } = openDatabase('', dir);
    try {
      await sql`create table t (id integer primary key)`.execute(db);
      for (let i = 0; i < 3; i++) await db.transaction().execute(async (trx) => { await sql`insert into t (id) values (${i})`.execute(trx); });
      await db.transaction().execute(async (trx) => {
        await sql`insert into t (id) values (${10})`.execute(trx);
        throw new Error('rolled back');
      }).catch(() => undefined);
      assert.deepEqual((await sql<{ id: number }>`select id from t order by id`.execute(db)).rows.map((r) => r.id), [0, 1, 2]);
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
