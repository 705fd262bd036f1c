// A pad's database stays small: checkpoints (whole documents) are written by the weight of the update log
// since the last one, and older ones are pruned, so that checkpoints never outweigh the log. Issue 13: a
// 5-minute run of 1,200 authors left 715 checkpoints of up to 2 MB (675 MB) for 11 MB of updates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import * as Y from 'yjs';
import pino from 'pino';
import { migrate } from '../../src/storage/database.js';
import { MemoryBus } from '../../src/storage/bus.js';
import { configSchema } from '../../src/config/schema.js';
import type { Core } from '../../src/core.js';
import { padMigrations } from '../../src/modules/pad/migrations.js';
import { PadStore } from '../../src/modules/pad/store.js';
import { Room, type RoomPeer, type RoomSettings } from '../../src/modules/pad/room.js';
import { roomSettings } from '../../src/modules/pad/service.js';
import type { PadTables } from '../../src/modules/pad/tables.js';
import { savedVersions, stateAt, timeline } from '../../src/modules/pad/history.js';
import { docFromState } from '../../src/modules/pad/export.js';
import { textOfDoc, type } from '../pad/helpers.js';

/** The settings a chaton runs with by default (with room for a big pad). */
function defaults(): RoomSettings {
  const pad = configSchema.shape.pad.parse(undefined);
  return { ...roomSettings({ config: { pad } } as unknown as Core), maxPadBytes: 1e7, ratePerPad: 1e9 };
}

async function setup(settings: RoomSettings): Promise<{ store: PadStore; room: Room; peer: RoomPeer }> {
  const db = new Kysely<PadTables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await migrate(db as never, 'sqlite', [{ name: 'pad', migrations: padMigrations }]);
  const store = new PadStore(db);
  const { pad } = (await store.create('p'))!;
  const room = await Room.open(pad, store, new MemoryBus(), settings, pino({ level: 'silent' }));
  const peer: RoomPeer = { readOnly: false, send: () => undefined, close: () => assert.fail('closed') };
  room.peers.add(peer);
  return { store, room, peer };
}

/** Sends what `edit` does to `doc` to the room. */
function send(room: Room, peer: RoomPeer, doc: Y.Doc, seq: number, edit: () => void): void {
  let update: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u);
  doc.on('update', grab);
  edit();
  doc.off('update', grab);
  assert.equal(room.receive(peer, seq, 'alice-0001', update!), 'ok');
}

/** Pastes `chars` characters of text in one edit. */
function paste(doc: Y.Doc, chars: number): void {
  const line = 'Le chaton ronronne au soleil, the kitten purrs in the sun. ';
  type(doc, line.repeat(Math.ceil(chars / line.length)).slice(0, chars), 0);
}

/** Bytes of the pad's checkpoints and update log, read from the tables. */
async function stored(store: PadStore): Promise<{ checkpoints: number; log: number }> {
  const cps = await store.db.selectFrom('pad_checkpoints').select('state').where('pad', '=', 'p').execute();
  const log = await store.db.selectFrom('pad_updates').select('data').where('pad', '=', 'p').execute();
  return { checkpoints: cps.reduce((n, c) => n + c.state.byteLength, 0), log: log.reduce((n, u) => n + u.data.byteLength, 0) };
}

async function checkpointsSettled(room: Room): Promise<void> {
  await room.drain();
  await (room as unknown as { checkpoints: Promise<void> }).checkpoints;
}

describe('pad checkpoints and the database size', () => {
  it('a big pad edited many times: checkpoints and log stay within twice (document + log)', async () => {
    const { store, room, peer } = await setup(defaults());
    const docs = Array.from({ length: 20 }, () => new Y.Doc());
    let seq = 0;
    // A 300 KB text pasted in pieces, then 3,000 small edits by 20 authors (a busy big pad).
    for (let i = 0; i < 5; i++) send(room, peer, docs[0]!, ++seq, () => paste(docs[0]!, 60_000));
    await room.drain();
    const base = Y.encodeStateAsUpdate(docs[0]!);
    for (const d of docs.slice(1)) Y.applyUpdate(d, base);
    for (let i = 0; i < 3000; i++) {
      const d = docs[i % docs.length]!;
      send(room, peer, d, ++seq, () => type(d, 'abcd'.slice(0, 1 + (i % 4)), i % 7));
      if (i % 50 === 49) await room.drain();
    }
    await checkpointsSettled(room);
    const { checkpoints, log } = await stored(store);
    const final = (await store.load('p')).state.byteLength;
    await room.close();
    assert.ok(checkpoints + log <= 2 * (final + log), `checkpoints ${checkpoints} + log ${log} > 2 × (document ${final} + log ${log})`);
    // And the pad is whole.
    const merged = new Y.Doc();
    for (const d of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(d));
    assert.equal(textOfDoc(docFromState((await store.load('p')).state)), textOfDoc(merged));
  });

  it('a pad growing by pastes: automatic checkpoints weigh no more than the log, saved versions and every moment stay', async () => {
    const settings = { ...defaults(), checkpointLogBytes: 4096 };
    const { store, room, peer } = await setup(settings);
    const doc = new Y.Doc();
    const texts: string[] = [];
    let seq = 0;
    for (let i = 0; i < 60; i++) {
      send(room, peer, doc, ++seq, () => paste(doc, 2_000 + i * 100));
      texts.push(textOfDoc(doc));
      await room.drain();
      if (i === 20) {
        // Someone saves this version on purpose.
        await checkpointsSettled(room);
        await store.checkpoint('p', await store.lastUpdateId('p'), 'before the big part');
      }
    }
    await checkpointsSettled(room);
    await room.close();
    const cps = await store.db.selectFrom('pad_checkpoints').select(['upto', 'label', 'state']).where('pad', '=', 'p').orderBy('upto').execute();
    const updates = await store.db.selectFrom('pad_updates').select(['id', 'data']).where('pad', '=', 'p').execute();
    const logIn = (from: number, upto: number) => updates.filter((u) => u.id > from && u.id <= upto).reduce((n, u) => n + u.data.byteLength, 0);
    // Each automatic checkpoint weighs no more than the log since the checkpoint before it (unless that
    // one is a saved version, which is never pruned): together, no more than the log.
    cps.forEach((c, i) => {
      const previous = cps[i - 1];
      if (c.label !== '' || previous?.label) return;
      const since = logIn(Number(previous?.upto ?? 0), Number(c.upto));
      assert.ok(c.state.byteLength <= since, `checkpoint ${i + 1} of ${cps.length}: ${c.state.byteLength} bytes after ${since} bytes of log`);
    });
    assert.ok(cps.filter((c) => c.label === '').length >= 2, `${cps.length} checkpoints`);
    assert.deepEqual((await savedVersions(store.db, 'p')).map((v) => v.label), ['before the big part']);
    const { moments } = await timeline(store.db, 'p', 0);
    assert.equal(moments.length, texts.length);
    for (let k = 0; k < moments.length; k += 7) assert.equal(textOfDoc(docFromState(await stateAt(store.db, 'p', moments[k]!.id))), texts[k], `moment ${k + 1}`);
    assert.equal(textOfDoc(docFromState(await stateAt(store.db, 'p', moments.at(-1)!.id))), texts.at(-1));
  });
});
