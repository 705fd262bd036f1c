// Pad history and retention on an in-memory SQLite: the update log with checkpoints rebuilds every
// moment, timelines come in chunks, compaction keeps one version per day, clearing keeps the text.
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import * as Y from 'yjs';
import { migrate } from '../../src/storage/database.js';
import { padMigrations } from '../../src/modules/pad/migrations.js';
import { PadStore } from '../../src/modules/pad/store.js';
import type { PadTables } from '../../src/modules/pad/tables.js';
import { stateAt, timeline, savedVersions } from '../../src/modules/pad/history.js';
import { clearHistory, compactHistory } from '../../src/modules/pad/retention.js';
import { docFromState, toText } from '../../src/modules/pad/export.js';
import { type, textOfDoc } from '../pad/helpers.js';

const DAY = 86_400_000;

async function memoryStore(): Promise<PadStore> {
  const db = new Kysely<PadTables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await migrate(db as never, 'sqlite', [{ name: 'pad', migrations: padMigrations }]);
  return new PadStore(db);
}

/** Writes `n` one-letter edits, each its own update, at times start, start+step, … */
async function write(store: PadStore, name: string, doc: Y.Doc, n: number, start: number, step: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => (update = u);
    doc.once('update', grab);
    type(doc, String.fromCharCode(97 + (i % 26)));
    await store.append(name, [{ author: i % 2 ? 'bob-000001' : 'alice-0001', data: update!, at: start + i * step }], 10);
  }
}

describe('pad history', () => {
  let store: PadStore;
  beforeEach(async () => {
    store = await memoryStore();
    await store.create('p');
  });

  it('rebuilds every moment from checkpoints and the updates after them', async () => {
    const doc = new Y.Doc();
    await write(store, 'p', doc, 30, Date.now(), 1);
    await store.checkpoint('p', 10);
    await store.checkpoint('p', 20, 'relu');
    const { moments } = await timeline(store.db, 'p', 0);
    assert.equal(moments.length, 30);
    assert.equal(moments[0]!.author, 'alice-0001');
    for (const k of [1, 10, 15, 20, 25, 30]) {
      const text = textOfDoc(docFromState(await stateAt(store.db, 'p', moments[k - 1]!.id)));
      assert.equal(text.length, k, `moment ${k}`);
    }
    assert.deepEqual((await savedVersions(store.db, 'p')).map((v) => v.label), ['relu']);
    const loaded = await store.load('p');
    assert.equal(textOfDoc(docFromState(loaded.state)), textOfDoc(doc));
    assert.equal(loaded.updatesSinceCheckpoint, 10);
  });

  it('reads a long timeline in chunks', async () => {
    const doc = new Y.Doc();
    await write(store, 'p', doc, 25, Date.now(), 1);
    const first = await timeline(store.db, 'p', 0, 10);
    assert.equal(first.moments.length, 10);
    assert.ok(first.next);
    const second = await timeline(store.db, 'p', first.next!, 10);
    const third = await timeline(store.db, 'p', second.next!, 10);
    assert.equal(third.moments.length, 5);
    assert.equal(third.next, null);
    assert.deepEqual([...first.moments, ...second.moments, ...third.moments].map((m) => m.id), (await timeline(store.db, 'p', 0)).moments.map((m) => m.id));
  });

  it('compacts history older than the retention to one version per day, keeping the text', async () => {
    const doc = new Y.Doc();
    const start = Math.floor(Date.now() / DAY) * DAY - 40 * DAY;
    await write(store, 'p', doc, 12, start, DAY / 4); // three days, four edits a day
    await write(store, 'p', doc, 5, Date.now() - 1000, 1); // today
    const removed = await compactHistory(store, 'p', Date.now() - 30 * DAY);
    assert.equal(removed, 12);
    const { moments } = await timeline(store.db, 'p', 0);
    assert.equal(moments.length, 3 + 5, 'one moment per old day, then every recent edit');
    assert.equal(textOfDoc(docFromState(await stateAt(store.db, 'p', moments[1]!.id))).length, 8, 'the end of the second day');
    assert.equal(textOfDoc(docFromState((await store.load('p')).state)), textOfDoc(doc));
  });

  it('clears the history but keeps the current text', async () => {
    const doc = new Y.Doc();
    await write(store, 'p', doc, 8, Date.now(), 1);
    await store.checkpoint('p', 4, 'avant');
    await clearHistory(store, 'p');
    const { moments } = await timeline(store.db, 'p', 0);
    assert.equal(moments.length, 1);
    assert.deepEqual(await savedVersions(store.db, 'p'), []);
    assert.equal(toText(docFromState((await store.load('p')).state)), textOfDoc(doc) + '\n');
  });
});
