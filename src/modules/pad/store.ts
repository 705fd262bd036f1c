// Pad storage: the pads, their update log (time, author) with periodic checkpoints, authors and chat.
// Opening a pad reads the last checkpoint and the updates after it.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import * as Y from 'yjs';
import type { PadDb, PadPadsTable } from './tables.js';
import type { AuthorInfo, ChatMessage } from './protocol.js';
import { rebuild } from './repair.js';
import { mergeParts } from './merge.js';

export type Pad = PadPadsTable;

/** Pad names: letters, digits, dash and underscore; a few words are taken by the routes. */
export const PAD_NAME = /^[A-Za-z0-9_-]{1,60}$/;
const RESERVED = new Set(['ro', 'new', 'admin', 'assets', 'ws', 'import', 'api']);

export function validName(name: string): boolean {
  return PAD_NAME.test(name) && !RESERVED.has(name.toLowerCase());
}

export function randomName(): string {
  return randomBytes(12).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface PendingUpdate { author: string; data: Uint8Array; at: number }

/** Rows come back as Buffer from both drivers; Yjs wants plain Uint8Array views. */
function bytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export class PadStore {
  constructor(readonly db: PadDb) {}

  async create(name: string): Promise<{ pad: Pad; adminToken: string } | null> {
    const adminToken = randomBytes(24).toString('base64url');
    const now = Date.now();
    const pad: Pad = { name, created_at: now, last_edit_at: now, admin_hash: hashToken(adminToken), readonly_id: randomBytes(12).toString('base64url'), history_public: 0, bytes: 0, repaired_at: null };
    try {
      await this.db.insertInto('pad_pads').values(pad).execute();
    } catch (err) {
      if (await this.get(name)) return null; // taken
      throw err;
    }
    return { pad, adminToken };
  }

  get(name: string): Promise<Pad | undefined> {
    return this.db.selectFrom('pad_pads').selectAll().where('name', '=', name).executeTakeFirst();
  }

  byReadonlyId(id: string): Promise<Pad | undefined> {
    return this.db.selectFrom('pad_pads').selectAll().where('readonly_id', '=', id).executeTakeFirst();
  }

  async setHistoryPublic(name: string, value: boolean): Promise<void> {
    await this.db.updateTable('pad_pads').set({ history_public: value ? 1 : 0 }).where('name', '=', name).execute();
  }

  async delete(name: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const table of ['pad_updates', 'pad_checkpoints', 'pad_authors', 'pad_chat'] as const) await tx.deleteFrom(table).where('pad', '=', name).execute();
      await tx.deleteFrom('pad_pads').where('name', '=', name).execute();
    });
  }

  /** Appends updates in one transaction (durable once this resolves); returns their ids. */
  async append(name: string, updates: PendingUpdate[], addedBytes: number): Promise<number[]> {
    if (updates.length === 0) return [];
    return this.db.transaction().execute(async (tx) => {
      const rows = await tx
        .insertInto('pad_updates')
        .values(updates.map((u) => ({ pad: name, at: u.at, author: u.author, data: u.data })))
        .returning('id')
        .execute();
      const last = updates[updates.length - 1]!.at;
      await tx.updateTable('pad_pads').set((eb) => ({ last_edit_at: last, bytes: eb('bytes', '+', addedBytes) })).where('name', '=', name).execute();
      return rows.map((r) => Number(r.id));
    });
  }

  /**
   * The pad's state: the last checkpoint (up to `checkpointUpto`, `checkpointBytes` long) merged with every
   * update after it (`updatesSinceCheckpoint` of them, `bytesSinceCheckpoint` in all).
   */
  async load(name: string): Promise<{ state: Uint8Array; lastId: number; checkpointUpto: number; updatesSinceCheckpoint: number; checkpointBytes: number; bytesSinceCheckpoint: number }> {
    const cp = await this.db.selectFrom('pad_checkpoints').select(['upto', 'state']).where('pad', '=', name).orderBy('upto', 'desc').limit(1).executeTakeFirst();
    const upto = cp ? Number(cp.upto) : 0;
    const tail = await this.db.selectFrom('pad_updates').select(['id', 'data']).where('pad', '=', name).where('id', '>', upto).orderBy('id').execute();
    const parts = [...(cp ? [bytes(cp.state)] : []), ...tail.map((r) => bytes(r.data))];
    const state = parts.length ? mergeParts(parts) : Y.encodeStateAsUpdate(new Y.Doc());
    const lastId = tail.length ? Number(tail[tail.length - 1]!.id) : upto;
    return { state, lastId, checkpointUpto: upto, updatesSinceCheckpoint: tail.length, checkpointBytes: cp ? cp.state.byteLength : 0, bytesSinceCheckpoint: tail.reduce((n, r) => n + r.data.byteLength, 0) };
  }

  /**
   * Rebuilds a pad whose stored state does not load: from its last checkpoint that loads and every update
   * after it that applies. Checkpoints that do not load and updates that do not apply are deleted (they
   * would break the history too), a checkpoint of the result is written and the pad is marked repaired.
   */
  async repair(name: string): Promise<{ doc: Y.Doc; state: Uint8Array; upto: number; droppedUpdates: number; droppedCheckpoints: number }> {
    const checkpoints = await this.db.selectFrom('pad_checkpoints').select(['id', 'upto', 'state']).where('pad', '=', name).orderBy('upto', 'desc').execute();
    const badCheckpoints: number[] = [];
    let base: { upto: number; state: Uint8Array } | null = null;
    for (const cp of checkpoints) {
      const { bad } = rebuild(null, [{ id: 0, data: bytes(cp.state) }]);
      if (bad.length === 0) {
        base = { upto: Number(cp.upto), state: bytes(cp.state) };
        break;
      }
      badCheckpoints.push(Number(cp.id));
    }
    const from = base?.upto ?? 0;
    const tail = await this.db.selectFrom('pad_updates').select(['id', 'data']).where('pad', '=', name).where('id', '>', from).orderBy('id').execute();
    const { doc, bad } = rebuild(base?.state ?? null, tail.map((r) => ({ id: Number(r.id), data: bytes(r.data) })));
    const state = Y.encodeStateAsUpdate(doc);
    const upto = tail.length ? Math.max(from, Number(tail[tail.length - 1]!.id)) : from;
    const now = Date.now();
    await this.db.transaction().execute(async (tx) => {
      if (bad.length) await tx.deleteFrom('pad_updates').where('pad', '=', name).where('id', 'in', bad).execute();
      if (badCheckpoints.length) await tx.deleteFrom('pad_checkpoints').where('pad', '=', name).where('id', 'in', badCheckpoints).execute();
      await tx.insertInto('pad_checkpoints').values({ pad: name, upto, at: now, state, label: '' }).execute();
      await tx.updateTable('pad_pads').set({ bytes: state.byteLength, repaired_at: now }).where('name', '=', name).execute();
    });
    return { doc, state, upto, droppedUpdates: bad.length, droppedCheckpoints: badCheckpoints.length };
  }

  /** How many updates of the pad have an id in (from, upto]. */
  async countUpdates(name: string, from: number, upto: number): Promise<number> {
    const row = await this.db.selectFrom('pad_updates').select((eb) => eb.fn.countAll<number | string>().as('n')).where('pad', '=', name).where('id', '>', from).where('id', '<=', upto).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Writes a checkpoint of every update up to `upto` (inclusive); returns its size. `known` is that state
   * when the caller already has it (a room whose document holds exactly those updates, written at `at`):
   * it spares merging the previous checkpoint with the updates after it.
   */
  async checkpoint(name: string, upto: number, label = '', known?: { state: Uint8Array; at: number }): Promise<number> {
    if (known) return this.writeCheckpoint(name, upto, known.at, known.state, label);
    const cp = await this.db.selectFrom('pad_checkpoints').select(['upto', 'state']).where('pad', '=', name).where('upto', '<=', upto).orderBy('upto', 'desc').limit(1).executeTakeFirst();
    const from = cp ? Number(cp.upto) : 0;
    const tail = await this.db.selectFrom('pad_updates').select(['id', 'at', 'data']).where('pad', '=', name).where('id', '>', from).where('id', '<=', upto).orderBy('id').execute();
    if (!label && tail.length === 0 && cp) return cp.state.byteLength;
    const parts = [...(cp ? [bytes(cp.state)] : []), ...tail.map((r) => bytes(r.data))];
    const state = parts.length ? mergeParts(parts) : Y.encodeStateAsUpdate(new Y.Doc());
    const at = tail.length ? Number(tail[tail.length - 1]!.at) : Date.now();
    return this.writeCheckpoint(name, upto, at, state, label);
  }

  /** One transaction: one sync to disk instead of two. */
  private async writeCheckpoint(name: string, upto: number, at: number, state: Uint8Array, label: string): Promise<number> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('pad_checkpoints').values({ pad: name, upto, at, state, label }).execute();
      await tx.updateTable('pad_pads').set({ bytes: state.byteLength }).where('name', '=', name).execute();
    });
    return state.byteLength;
  }

  /**
   * Thins the automatic checkpoints before the one just written at `upto` (`size` bytes), so that each
   * automatic checkpoint left in the span of the update log is no larger than the log between it and the
   * checkpoint before it: then all of them together weigh at most the log, and the pad's database at most
   * twice its log plus its document. The checkpoint before the new one is dropped while the log written
   * since it is shorter than the new one, and so on backwards; the timeslider then merges from an older
   * checkpoint (the updates are all kept, so every moment stays the same). Never dropped: saved versions
   * (labelled), checkpoints that stand for compacted or cleared history (their updates are gone), the
   * newest. Returns how many went.
   */
  async pruneCheckpoints(name: string, upto: number, size: number): Promise<number> {
    const first = await this.db.selectFrom('pad_updates').select((eb) => eb.fn.min('id').as('id')).where('pad', '=', name).executeTakeFirst();
    if (first?.id == null) return 0;
    const firstUpdate = Number(first.id);
    const before = await this.db.selectFrom('pad_checkpoints').select(['id', 'upto', 'label']).where('pad', '=', name).where('upto', '<', upto).orderBy('upto', 'desc').limit(64).execute();
    const drop: number[] = [];
    for (const previous of before) {
      if ((await this.logBytes(name, Number(previous.upto), upto)) >= size) break;
      // A saved version, or a checkpoint whose updates are gone (the base of compacted history), stays.
      if (previous.label !== '' || Number(previous.upto) < firstUpdate) break;
      drop.push(Number(previous.id));
    }
    if (drop.length) await this.db.deleteFrom('pad_checkpoints').where('pad', '=', name).where('id', 'in', drop).execute();
    return drop.length;
  }

  /** Bytes of the logged updates with an id in (from, upto]. */
  async logBytes(name: string, from: number, upto: number): Promise<number> {
    const row = await this.db
      .selectFrom('pad_updates')
      .select(sql<number | string | null>`sum(length(data))`.as('n'))
      .where('pad', '=', name)
      .where('id', '>', from)
      .where('id', '<=', upto)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** What the pad takes in the database: its checkpoints and its update log, in bytes (blobs only). */
  async storedBytes(name: string): Promise<{ checkpoints: number; log: number }> {
    const cps = await this.db.selectFrom('pad_checkpoints').select(sql<number | string | null>`sum(length(state))`.as('n')).where('pad', '=', name).executeTakeFirst();
    return { checkpoints: Number(cps?.n ?? 0), log: await this.logBytes(name, 0, Number.MAX_SAFE_INTEGER) };
  }

  async lastUpdateId(name: string): Promise<number> {
    const row = await this.db.selectFrom('pad_updates').select((eb) => eb.fn.max('id').as('id')).where('pad', '=', name).executeTakeFirst();
    const cp = await this.db.selectFrom('pad_checkpoints').select((eb) => eb.fn.max('upto').as('upto')).where('pad', '=', name).executeTakeFirst();
    return Math.max(Number(row?.id ?? 0), Number(cp?.upto ?? 0));
  }

  async authors(name: string): Promise<AuthorInfo[]> {
    const rows = await this.db.selectFrom('pad_authors').select(['author', 'name', 'color']).where('pad', '=', name).execute();
    return rows;
  }

  async saveAuthor(name: string, a: AuthorInfo): Promise<void> {
    await this.db
      .insertInto('pad_authors')
      .values({ pad: name, ...a })
      .onConflict((oc) => oc.columns(['pad', 'author']).doUpdateSet({ name: a.name, color: a.color }))
      .execute();
  }

  async chat(name: string, limit = 200): Promise<ChatMessage[]> {
    const rows = await this.db.selectFrom('pad_chat').selectAll().where('pad', '=', name).orderBy('id', 'desc').limit(limit).execute();
    return rows.reverse().map((r) => ({ id: Number(r.id), at: Number(r.at), author: r.author, name: r.name, color: r.color, text: r.text }));
  }

  async addChat(name: string, m: Omit<ChatMessage, 'id'>, keep: number): Promise<ChatMessage> {
    const row = await this.db.insertInto('pad_chat').values({ pad: name, ...m }).returning('id').executeTakeFirstOrThrow();
    const id = Number(row.id);
    if (id % 50 === 0) await this.db.deleteFrom('pad_chat').where('pad', '=', name).where('id', '<=', id - keep).execute();
    return { id, ...m };
  }
}
