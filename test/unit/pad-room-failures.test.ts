// A room whose live document stops being what is stored is never served again (issue 10, A2, same kind):
// after a failed write everyone is disconnected, and the next room is loaded from storage.
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
import { Room, type RoomPeer, type RoomSettings } from '../../src/modules/pad/room.js';
import type { PadTables } from '../../src/modules/pad/tables.js';
import { type, textOfDoc } from '../pad/helpers.js';

/** A store whose next write fails (a full disk, a lost database connection). */
class FailingStore extends PadStore {
  failNext = false;
  override async append(...args: Parameters<PadStore['append']>): Promise<number[]> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    return super.append(...args);
  }
}

const SETTINGS: RoomSettings = { maxPadBytes: 1e7, ratePerPad: 1e6, idleDays: 0, chatMax: 10, checkpointLogBytes: 256 * 1024, maxDepth: 100, maxAuthors: 1000 };

function peer(closes: number[]): RoomPeer {
  return { readOnly: false, send: () => undefined, close: (code) => closes.push(code) };
}

function edit(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (update = u));
  type(doc, text);
  return update!;
}

describe('room after a failed write', () => {
  it('disconnects everyone so that no one is served an edit that is not stored', async () => {
    const db = new Kysely<PadTables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await migrate(db as never, 'sqlite', [{ name: 'pad', migrations: padMigrations }]);
    const store = new FailingStore(db);
    const { pad } = (await store.create('p'))!;
    const room = await Room.open(pad, store, new MemoryBus(), SETTINGS, pino({ level: 'silent' }));
    const writerCloses: number[] = [];
    const readerCloses: number[] = [];
    const writer = peer(writerCloses);
    const reader = peer(readerCloses);
    room.peers.add(writer);
    room.peers.add(reader);
    const doc = new Y.Doc();
    room.receive(writer, 1, 'alice-0001', edit(doc, 'écrit'));
    await room.drain();
    store.failNext = true;
    room.receive(writer, 2, 'alice-0001', edit(doc, ' perdu'));
    await room.drain();
    assert.deepEqual(writerCloses, [1011]);
    assert.deepEqual(readerCloses, [1011], 'the reader is not left on a document that differs from storage');
    assert.equal(room.closed, true);
    await room.close();
    const again = await Room.open(pad, store, new MemoryBus(), SETTINGS, pino({ level: 'silent' }));
    assert.equal(textOfDoc(again.doc), 'écrit');
    await again.close();
  });
});
