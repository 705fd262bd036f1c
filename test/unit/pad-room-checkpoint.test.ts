// A room's checkpoints: taken from its live document when it holds exactly the written updates, they
// rebuild every moment like the updates do; when another writer touched the pad, the store's merge is used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import * as Y from 'yjs';
import pino from 'pino';
import { migrate } from '../../src/storage/database.js';
import { MemoryBus } from '../../src/storage/bus.js';
import { padMigrations } from '../../src/modules/pad/migrations.js';
import { PadStore } from '../../src/modules/pad/store.js';
import { Room, type RoomPeer } from '../../src/modules/pad/room.js';
import type { PadTables } from '../../src/modules/pad/tables.js';
import { stateAt, timeline } from '../../src/modules/pad/history.js';
import { docFromState } from '../../src/modules/pad/export.js';
import { type, deleteSome, textOfDoc } from '../pad/helpers.js';
import { CLOSE } from '../../src/modules/pad/protocol.js';

/** A store that counts the checkpoints given by the room, and can be slow to write (as PostgreSQL is). */
class SpyStore extends PadStore {
  known = 0;
  merged = 0;
  slow = false;
  /** These tests check each checkpoint taken: none is pruned (pruning has its own tests). */
  prune = false;
  override async pruneCheckpoints(name: string, upto: number, size: number): Promise<number> {
    return this.prune ? super.pruneCheckpoints(name, upto, size) : 0;
  }
  override async checkpoint(name: string, upto: number, label = '', known?: { state: Uint8Array; at: number }): Promise<number> {
    if (known) this.known++;
    else this.merged++;
    return super.checkpoint(name, upto, label, known);
  }
  override async append(...args: Parameters<PadStore['append']>): Promise<number[]> {
    const ids = await super.append(...args);
    if (this.slow) await new Promise((r) => setTimeout(r, 3));
    return ids;
  }
}

async function setup(): Promise<{ store: SpyStore; room: Room; peer: RoomPeer; acks: number[] }> {
  const db = new Kysely<PadTables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await migrate(db as never, 'sqlite', [{ name: 'pad', migrations: padMigrations }]);
  const store = new SpyStore(db);
  const { pad } = (await store.create('p'))!;
  const room = await Room.open(pad, store, new MemoryBus(), { maxPadBytes: 1e7, ratePerPad: 1e6, idleDays: 0, chatMax: 10, checkpointLogBytes: 100, maxDepth: 100, maxAuthors: 1000 }, pino({ level: 'silent' }));
  const acks: number[] = [];
  const peer: RoomPeer = { readOnly: false, send: () => acks.push(1), close: () => assert.fail('closed') };
  room.peers.add(peer);
  return { store, room, peer, acks };
}

async function edits(room: Room, peer: RoomPeer, doc: Y.Doc, n: number, texts: string[], seq: { n: number }): Promise<void> {
  for (let i = 0; i < n; i++) {
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    if (i % 5 === 4) deleteSome(doc, i % 3, 2);
    else type(doc, String.fromCharCode(97 + (i % 26)), i % 4);
    assert.equal(room.receive(peer, ++seq.n, 'alice-0001', update!), 'ok');
    texts.push(textOfDoc(doc));
    if (i % 3 === 0) await room.drain(); // batches of various sizes
  }
  await room.drain();
}

async function checkMoments(store: PadStore, texts: string[]): Promise<number> {
  const { moments } = await timeline(store.db, 'p', 0);
  assert.equal(moments.length, texts.length);
  for (let k = 0; k < moments.length; k++) assert.equal(textOfDoc(docFromState(await stateAt(store.db, 'p', moments[k]!.id))), texts[k], `moment ${k + 1}`);
  const cps = await store.db.selectFrom('pad_checkpoints').select(['upto', 'state']).where('pad', '=', 'p').execute();
  return cps.length;
}

describe('room checkpoints', () => {
  it('rebuild every moment and the loaded pad', async () => {
    const { store, room, peer } = await setup();
    const doc = new Y.Doc();
    const texts: string[] = [];
    await edits(room, peer, doc, 60, texts, { n: 0 });
    await room.close();
    const n = await checkMoments(store, texts);
    assert.ok(n >= 5, `${n} checkpoints`);
    assert.deepEqual([store.known, store.merged], [n, 0]);
    assert.equal(textOfDoc(docFromState((await store.load('p')).state)), texts.at(-1));
  });

  it('fall back to the merge when another writer wrote the pad', async () => {
    const { store, room, peer } = await setup();
    const doc = new Y.Doc();
    const texts: string[] = [];
    const seq = { n: 0 };
    await edits(room, peer, doc, 10, texts, seq);
    await room.drain();
    await (room as unknown as { checkpoints: Promise<void> }).checkpoints; // those taken before the other writer
    const knownBefore = store.known;
    // Another process writes an edit the room never sees.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    let update: Uint8Array | null = null;
    other.once('update', (u: Uint8Array) => (update = u));
    type(other, 'Z', 0);
    await store.append('p', [{ author: 'bob-000001', data: update!, at: Date.now() }], 10);
    Y.applyUpdate(doc, update!);
    texts.push(textOfDoc(doc));
    await edits(room, peer, doc, 30, texts, seq);
    await room.close();
    await checkMoments(store, texts);
    assert.equal(textOfDoc(docFromState((await store.load('p')).state)), texts.at(-1));
    assert.ok(knownBefore >= 1);
    assert.equal(store.known, knownBefore);
    assert.ok(store.merged >= 2, `${store.merged} merged`);
  });

  it('stay exact when edits arrive while a write is under way', async () => {
    const { store, room, peer } = await setup();
    store.slow = true;
    const doc = new Y.Doc();
    const texts: string[] = [];
    for (let i = 0; i < 80; i++) {
      let update: Uint8Array | null = null;
      doc.once('update', (u: Uint8Array) => (update = u));
      type(doc, String.fromCharCode(97 + (i % 26)), i % 5);
      room.receive(peer, i + 1, 'alice-0001', update!);
      if (i % 7 === 3) room.syncReply(Y.encodeStateVector(new Y.Doc())); // a newcomer: applies the queue early
      texts.push(textOfDoc(doc));
      await new Promise((r) => setTimeout(r, i % 4)); // some arrive during a write
    }
    await room.close();
    const n = await checkMoments(store, texts);
    assert.ok(store.known >= 3 && store.known + store.merged === n, `${store.known} + ${store.merged} of ${n}`);
  });

  it('a bad update closes only its sender, is not written, nor are its sender\'s later ones', async () => {
    const { store, room, peer } = await setup();
    const closes: number[] = [];
    const guilty: RoomPeer = { readOnly: false, send: () => undefined, close: (code) => closes.push(code) };
    room.peers.add(guilty);
    const a = new Y.Doc();
    const b = new Y.Doc();
    const grab = (doc: Y.Doc, text: string) => {
      let update: Uint8Array | null = null;
      doc.once('update', (u: Uint8Array) => (update = u));
      type(doc, text);
      return update!;
    };
    assert.equal(room.receive(guilty, 1, 'bob-000001', grab(b, 'B')), 'ok');
    assert.equal(room.receive(guilty, 2, 'bob-000001', new Uint8Array([1, 1, 5, 0, 200, 7])), 'ok');
    assert.equal(room.receive(peer, 1, 'alice-0001', grab(a, 'A')), 'ok');
    assert.equal(room.receive(guilty, 3, 'bob-000001', grab(b, 'C')), 'ok');
    try {
      await room.drain();
      assert.deepEqual(closes, [CLOSE.malformed]);
      const rows = await store.db.selectFrom('pad_updates').select(['author']).where('pad', '=', 'p').orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.author), ['bob-000001', 'alice-0001']);
    } finally {
      await room.close();
    }
    const text = textOfDoc(docFromState((await store.load('p')).state));
    assert.ok(text.includes('A') && text.includes('B') && !text.includes('C'), text);
  });
});
