// A room: one open pad in this process. It holds the live Y.Doc and the presence (awareness), queues
// incoming updates, applies them in one Yjs transaction and writes them in one database transaction per
// batch (group commit), and only then acknowledges them to their senders and fans the merged batch out to
// everyone (here, and to other processes through the bus). Presence changes are batched the same way.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type { Bus } from '../../storage/bus.js';
import type { Logger } from 'pino';
import { CLOSE, MSG, encodeAck, encodeAwareness, encodeJson, type AuthorInfo, type ChatMessage, type PadInfo } from './protocol.js';
import type { Pad, PadStore } from './store.js';
import { TokenBucket } from './rate.js';
import { UpdateValidator } from './validate.js';
import { loadPad } from './repair.js';

export interface RoomPeer {
  readonly readOnly: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomSettings {
  maxPadBytes: number;
  ratePerPad: number;
  idleDays: number;
  chatMax: number;
  /**
   * A checkpoint is written once the updates logged since the last one weigh this many bytes, or the last
   * checkpoint's size if larger (`pad.checkpoint_log_bytes`): checkpoints then weigh at most the log.
   */
  checkpointLogBytes: number;
  /** Deepest nesting of types (blocks in blocks) an update may create: see `UpdateValidator`. */
  maxDepth: number;
  /** Named authors kept per pad (`pad.max_authors`). */
  maxAuthors: number;
}

interface Pending { peer: RoomPeer | null; seq: number; author: string; data: Uint8Array }

const PROCESS = randomBytes(8);
const BUS_UPDATE = 0;
const BUS_AWARENESS = 1;
const BUS_CHAT = 2;
const BUS_INFO = 3;
const BUS_DELETED = 4;

export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** Which connection set each presence entry: no one may overwrite another's (see `Connection`). */
  readonly presenceOwners = new Map<number, RoomPeer>();
  readonly padRate: TokenBucket;
  authors: AuthorInfo[] = [];
  private pending: Pending[] = [];
  /** The updates of `pending` not yet applied to `doc` (see `applyQueued`). */
  private unapplied: Pending[] = [];
  /** Peers closed for an update that did not apply. */
  private readonly rejected = new WeakSet<RoomPeer>();
  private flushing: Promise<void> | null = null;
  private bytes = 0;
  /** This room's updates written after the last checkpoint (to check that `doc` is exactly what is stored). */
  private sinceCheckpoint = 0;
  /** Bytes of the updates logged after the last checkpoint, and that checkpoint's size: see `flush`. */
  private logSinceCheckpoint = 0;
  private checkpointBytes = 0;
  /** The last checkpoint's `upto`: `sinceCheckpoint` counts this room's updates after it. */
  private checkpointUpto = 0;
  private lastId = 0;
  /**
   * True while `doc` holds only updates this room loaded or wrote (none from another process, no
   * half-applied bad update, none whose write failed): see `checkpoint`.
   */
  private exact = true;
  private checkpoints: Promise<void> = Promise.resolve();
  private changedClients = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  closed = false;
  /** Every update is checked on a scratch copy before it reaches `doc` (which thus equals what is stored). */
  private readonly validator: UpdateValidator;
  /** What a newcomer gets (see `syncReply`), kept between joins. */
  private readonly joinCache = new JoinCache();
  private presenceCache: Uint8Array | null | undefined;

  private constructor(
    public pad: Pad,
    private readonly store: PadStore,
    private readonly bus: Bus,
    private readonly settings: RoomSettings,
    private readonly log: Logger,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.validator = new UpdateValidator(() => this.doc, settings.maxDepth);
    this.padRate = new TokenBucket(settings.ratePerPad);
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array) => this.joinCache.changed(update));
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      this.presenceCache = undefined;
      for (const id of [...added, ...updated, ...removed]) this.changedClients.add(id);
      this.awarenessTimer ??= setTimeout(() => this.flushAwareness(origin !== 'bus'), 40);
    });
  }

  static async open(pad: Pad, store: PadStore, bus: Bus, settings: RoomSettings, log: Logger): Promise<Room> {
    // Subscribe first, then load: an update published meanwhile is applied twice, which Yjs ignores.
    let room: Room | undefined;
    const early: Buffer[] = [];
    const unsubscribe = await bus.subscribe(`pad:${pad.name}`, (message) => (room ? room.fromBus(message) : early.push(message)));
    try {
      // A pad whose stored state does not load is repaired from its last good checkpoint and log.
      const { doc, bytes, lastId, checkpointUpto, updatesSinceCheckpoint, checkpointBytes, bytesSinceCheckpoint } = await loadPad(store, pad.name, log);
      room = new Room(pad, store, bus, settings, log, doc);
      room.unsubscribe = unsubscribe;
      room.bytes = bytes;
      room.lastId = lastId;
      room.checkpointUpto = checkpointUpto;
      room.checkpointBytes = checkpointBytes;
      room.sinceCheckpoint = updatesSinceCheckpoint;
      room.logSinceCheckpoint = bytesSinceCheckpoint;
      room.authors = (await store.authors(pad.name)).slice(0, settings.maxAuthors);
    } catch (err) {
      await unsubscribe().catch(() => undefined);
      throw err;
    }
    for (const message of early) room.fromBus(message);
    return room;
  }

  info(readOnly: boolean): PadInfo {
    const idle = this.settings.idleDays;
    return { readOnly, deleteAt: idle > 0 ? this.pad.last_edit_at + idle * 86_400_000 : null, authors: this.authors, maxBytes: this.settings.maxPadBytes };
  }

  /**
   * The sync step 2 answering a client's state vector, then our own step 1. A newcomer (an empty state
   * vector: the whole pad) gets the encoding kept from an earlier join plus the edits made since, instead
   * of an encoding of the whole pad each time (~20 ms for 2 MB): see `JoinCache`.
   */
  syncReply(stateVector: Uint8Array): Uint8Array[] {
    this.applyQueued();
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MSG.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    if (stateVector.byteLength === 1 && stateVector[0] === 0) return [...this.joinCache.messages(this.doc), encoding.toUint8Array(step1)];
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MSG.sync);
    syncProtocol.writeSyncStep2(step2, this.doc, stateVector);
    return [encoding.toUint8Array(step2), encoding.toUint8Array(step1)];
  }

  /** Presence of everyone, for a newcomer (kept until presence changes). */
  awarenessSnapshot(): Uint8Array | null {
    if (this.presenceCache !== undefined) return this.presenceCache;
    const ids = [...this.awareness.getStates().keys()];
    return (this.presenceCache = ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null);
  }

  /**
   * Takes an update from a peer: 'full' when the pad is at its maximum size; otherwise it is queued, then
   * applied, written and acknowledged by the next flush (see `applyQueued`: an update that does not apply
   * closes its sender, 'bad update', so 'bad' is no longer answered here).
   */
  receive(peer: RoomPeer, seq: number, author: string, data: Uint8Array): 'ok' | 'full' | 'bad' {
    if (this.bytes + data.byteLength > this.settings.maxPadBytes) {
      this.applyQueued();
      this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength; // the estimate only grows: measure
      if (this.bytes + data.byteLength > this.settings.maxPadBytes) return 'full';
    }
    if (this.rejected.has(peer)) return 'bad';
    this.bytes += data.byteLength;
    const p = { peer, seq, author, data };
    this.pending.push(p);
    this.unapplied.push(p);
    this.scheduleFlush();
    return 'ok';
  }

  /**
   * Applies the queued updates to `doc` in one Yjs transaction: at each flush, and before anything reads
   * `doc` (a newcomer's sync, a server edit, the size check). Each Yjs transaction computes two state
   * vectors of the whole pad (one entry per author who ever wrote it): with one transaction per edit, that
   * was most of the cost of applying edits at 500 authors (~6 % of the server's time, growing with
   * authors × edits). Each batch is first checked on a scratch copy (`UpdateValidator`): an update that
   * does not apply there, or nests blocks deeper than allowed, never touches `doc`, is not written, and
   * its sender is closed (a few milliseconds later: its updates read in between are dropped with it).
   * Never throws: whatever goes wrong stays in this room.
   */
  private applyQueued(): void {
    const queue = this.unapplied;
    if (queue.length === 0) return;
    this.unapplied = [];
    const bad = new Set<Pending>();
    const guilty = new Map<RoomPeer, number>();
    // Updates of a connection already refused would not have been read: drop them.
    const candidates = queue.filter((p) => {
      if (p.peer && this.rejected.has(p.peer)) bad.add(p);
      return !bad.has(p);
    });
    const refused = this.validator.check(candidates.map((p) => ({ data: p.data, from: p.peer ?? undefined })));
    const good = candidates.filter((p, i) => {
      const refusal = refused.get(i);
      if (!refusal) return true;
      bad.add(p);
      if (p.peer && !guilty.has(p.peer)) {
        this.rejected.add(p.peer);
        guilty.set(p.peer, refusal === 'deep' ? CLOSE.tooDeep : CLOSE.malformed);
      }
      return false;
    });
    // Those that passed apply to `doc` exactly as they did to the scratch copy.
    try {
      if (good.length) this.doc.transact(() => {
        for (const p of good) Y.applyUpdate(this.doc, p.data, p.peer);
      });
    } catch (err) {
      this.broken(err);
      return;
    }
    if (bad.size === 0) return;
    this.pending = this.pending.filter((p) => !bad.has(p));
    for (const [peer, code] of guilty) peer.close(code, code === CLOSE.tooDeep ? 'too deep' : 'bad update');
  }

  /**
   * The live document is no longer what is stored (a write failed, or it failed where its scratch copy
   * did not): it must not be served. Everyone is disconnected (they reconnect, and resend what was not
   * acknowledged) and the room closes; the next connection loads the pad from storage.
   */
  private broken(err: unknown): void {
    this.log.error({ err, pad: this.pad.name }, 'pad room broken: reloading from storage');
    this.exact = false;
    this.closed = true;
    this.pending = [];
    this.unapplied = [];
    this.validator.drop();
    for (const peer of [...this.peers]) peer.close(1011, 'reload');
  }

  /**
   * Writes and fans out soon. A small room does it at once; a big one waits a few milliseconds (up to
   * 40 ms for 1,200 people) so that one message carries many edits: the cost of fan-out grows with
   * people × messages, and this keeps it near people × 25 per second.
   */
  private scheduleFlush(): void {
    if (this.flushing) return;
    const wait = Math.min(40, Math.floor(this.peers.size / 30));
    const delay = new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
    this.flushing = delay.then(() => this.flush()).catch((err: unknown) => this.log.error({ err, pad: this.pad.name }, 'pad flush failed'));
  }

  /** Writes every queued update in one transaction, then acknowledges and fans out. */
  private async flush(): Promise<void> {
    try {
      this.applyQueued();
      const batch = this.pending;
      this.pending = [];
      if (batch.length === 0) return;
      const now = Date.now();
      const ids = await this.store.append(this.pad.name, batch.map((p) => ({ author: p.author, data: p.data, at: now })), batch.reduce((n, p) => n + p.data.byteLength, 0));
      this.lastId = Math.max(this.lastId, ...ids);
      this.pad.last_edit_at = now;
      this.sinceCheckpoint += batch.length;
      this.logSinceCheckpoint += batch.reduce((n, p) => n + p.data.byteLength, 0);
      const acks = new Map<RoomPeer, number>();
      for (const p of batch) if (p.peer) acks.set(p.peer, Math.max(acks.get(p.peer) ?? 0, p.seq));
      for (const [peer, seq] of acks) if (this.peers.has(peer)) peer.send(encodeAck(seq));
      const merged = batch.length === 1 ? batch[0]!.data : Y.mergeUpdates(batch.map((p) => p.data));
      this.broadcast(syncUpdate(merged));
      void this.bus.publish(`pad:${this.pad.name}`, busMessage(BUS_UPDATE, merged)).catch((err: unknown) => this.log.warn({ err }, 'pad bus publish failed'));
      // By the log's weight, not its count: a checkpoint (the whole document) is written only once the log
      // since the last one weighs as much, so that checkpoints never outweigh the log (see `checkpoint`).
      if (this.logSinceCheckpoint >= Math.max(this.settings.checkpointLogBytes, this.checkpointBytes)) this.checkpoint(now);
    } catch (err) {
      // Not durable, but `doc` holds them already: it is no longer what is stored, so it must not be served
      // (a newcomer would build on edits that may never be written). Everyone is disconnected and
      // reconnects to a room loaded from storage; the senders got no ack, so they resend.
      this.broken(err);
    } finally {
      this.flushing = null;
      if (this.pending.length && !this.closed) this.scheduleFlush();
    }
  }

  /**
   * Writes a checkpoint of every update written so far (`at`: when the last one was). When `doc` holds
   * exactly those updates (`exact`, and none of the queued ones applied yet), its encoding is the checkpoint: on a busy big pad
   * that is about 20 times cheaper than merging the previous checkpoint with the updates after it, which
   * took ~6 % of the server's time at 500 authors. Older automatic checkpoints that would outweigh the log
   * are then pruned (`PadStore.pruneCheckpoints`). This is checked: the pad must have exactly this
   * room's updates since the previous checkpoint (another process writing the same pad, or history being
   * cleared, makes it false); otherwise, and from then on, the store merges them as before.
   */
  private checkpoint(at: number): void {
    const name = this.pad.name;
    const from = this.checkpointUpto;
    const count = this.sinceCheckpoint;
    const upto = this.lastId;
    this.checkpointUpto = upto;
    this.sinceCheckpoint = 0;
    this.logSinceCheckpoint = 0;
    // Updates queued since this flush began are not in `doc` unless something applied them early.
    const docIsWritten = this.exact && this.pending.length === this.unapplied.length;
    const state = docIsWritten ? Y.encodeStateAsUpdate(this.doc) : null;
    this.checkpointBytes = state?.byteLength ?? this.bytes;
    // One after the other, so that each sees the verdict of the previous check.
    this.checkpoints = this.checkpoints
      .then(async () => {
        if ((await this.store.countUpdates(name, from, upto)) !== count) this.exact = false;
        const size = await this.store.checkpoint(name, upto, '', state && this.exact ? { state, at } : undefined);
        this.bytes = this.checkpointBytes = size;
        await this.store.pruneCheckpoints(name, upto, size);
      })
      .catch((err: unknown) => {
        this.exact = false;
        this.log.warn({ err }, 'pad checkpoint failed');
      });
  }

  /** Resolves when every queued update is written. */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length) {
      if (!this.flushing) this.scheduleFlush();
      await this.flushing;
    }
  }

  broadcast(message: Uint8Array, except?: RoomPeer): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  private flushAwareness(publish: boolean): void {
    this.awarenessTimer = null;
    const ids = [...this.changedClients];
    this.changedClients.clear();
    if (ids.length === 0) return;
    try {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(encodeAwareness(update));
      if (publish) void this.bus.publish(`pad:${this.pad.name}`, busMessage(BUS_AWARENESS, update)).catch(() => undefined);
    } catch (err) {
      this.log.warn({ err }, 'pad presence not sent');
    }
  }

  chat(message: ChatMessage): void {
    this.broadcast(encodeJson(MSG.chat, message));
    void this.bus.publish(`pad:${this.pad.name}`, busMessage(BUS_CHAT, Buffer.from(JSON.stringify(message)))).catch(() => undefined);
  }

  /**
   * Records an author's name and colour and sends only that change to everyone (a newcomer gets the whole
   * list in its `info`). False when nothing changed, or when the pad already has `maxAuthors` authors:
   * a newcomer beyond them still edits, with a default colour and no name.
   */
  setAuthor(author: AuthorInfo): boolean {
    if (!this.rememberAuthor(author)) return false;
    void this.bus.publish(`pad:${this.pad.name}`, busMessage(BUS_INFO, Buffer.from(JSON.stringify(author)))).catch(() => undefined);
    return true;
  }

  private rememberAuthor(author: AuthorInfo): boolean {
    const index = this.authors.findIndex((a) => a.author === author.author);
    const known = this.authors[index];
    if (known && known.name === author.name && known.color === author.color) return false;
    if (!known && this.authors.length >= this.settings.maxAuthors) return false;
    if (known) this.authors[index] = author;
    else this.authors.push(author);
    this.broadcast(encodeJson(MSG.author, author));
    return true;
  }

  /** The pad was deleted (here or in another process): everyone is disconnected. */
  deleted(): void {
    this.closed = true;
    this.pending = [];
    this.unapplied = [];
    for (const peer of [...this.peers]) peer.close(4410, 'deleted');
  }

  /** Makes an edit on the server (import, restore) as `author`; it is written and fanned out like any other. */
  editLocally(author: string, edit: (doc: Y.Doc) => void): void {
    this.applyQueued();
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === 'server-edit') updates.push(update);
    };
    this.doc.on('update', capture);
    let failure: unknown = null;
    try {
      this.doc.transact(() => edit(this.doc), 'server-edit');
    } catch (err) {
      failure = err ?? new Error('server edit failed');
    } finally {
      this.doc.off('update', capture);
    }
    // What the edit did to `doc`, even half-way, is written: `doc` stays what is stored.
    for (const data of updates) {
      this.validator.mirror(data);
      this.bytes += data.byteLength;
      this.pending.push({ peer: null, seq: 0, author, data });
    }
    if (updates.length) this.scheduleFlush();
    if (failure) throw failure;
  }

  private fromBus(message: Buffer): void {
    if (message.byteLength < 9) return;
    const kind = message[0];
    // Our own messages come back through Redis: skip them (a deletion is handled wherever it comes from).
    if (kind !== BUS_DELETED && message.subarray(1, 9).equals(PROCESS)) return;
    const payload = new Uint8Array(message.buffer, message.byteOffset + 9, message.byteLength - 9);
    try {
      if (kind === BUS_UPDATE) {
        this.exact = false; // another process writes this pad: its checkpoints are merged by the store
        this.applyQueued(); // the scratch copy must hold what `doc` holds
        if (this.validator.check([{ data: payload }]).size) return this.log.warn({ pad: this.pad.name }, 'bad pad update from the bus');
        Y.applyUpdate(this.doc, payload, 'bus');
        this.bytes += payload.byteLength;
        this.pad.last_edit_at = Date.now();
        this.broadcast(syncUpdate(payload));
      } else if (kind === BUS_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, 'bus');
      } else if (kind === BUS_CHAT) {
        this.broadcast(encodeJson(MSG.chat, JSON.parse(Buffer.from(payload).toString()) as ChatMessage));
      } else if (kind === BUS_INFO) {
        const author = JSON.parse(Buffer.from(payload).toString()) as AuthorInfo;
        if (typeof author.author === 'string' && typeof author.name === 'string' && typeof author.color === 'string') this.rememberAuthor(author);
      } else if (kind === BUS_DELETED) {
        this.deleted();
      }
    } catch (err) {
      this.log.warn({ err }, 'bad pad bus message');
    }
  }

  private destroyed = false;

  async close(): Promise<void> {
    this.closed = true;
    if (this.destroyed) return;
    this.destroyed = true;
    await this.drain();
    await this.checkpoints;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.validator.drop();
    this.awareness.destroy();
    await this.unsubscribe?.();
    this.doc.destroy();
  }
}

/**
 * The whole pad for newcomers: an encoding of the document made at one moment, and the updates applied to
 * it since (each as it was applied), sent after it. Both together are the document now (Yjs updates
 * commute). The encoding is made again when the updates since weigh more than an eighth of it (at least
 * 64 KiB) or number 400, so a newcomer never gets much more than the pad; between, joining costs no encoding at all.
 */
export class JoinCache {
  private state: Uint8Array | null = null;
  private since: Uint8Array[] = [];
  private sinceBytes = 0;
  private sinceMessage: Uint8Array | null = null;

  /** `doc` changed by `update`. */
  changed(update: Uint8Array): void {
    if (!this.state) return;
    this.sinceBytes += update.byteLength;
    // Merging many updates at once is slow (see merge.ts): a few hundred at most.
    if (this.sinceBytes > Math.max(65_536, this.state.byteLength / 8) || this.since.length >= 400) return this.reset();
    this.since.push(update);
    this.sinceMessage = null;
  }

  reset(): void {
    this.state = null;
    this.since = [];
    this.sinceBytes = 0;
    this.sinceMessage = null;
  }

  /** The sync messages giving a newcomer the whole of `doc`. */
  messages(doc: Y.Doc): Uint8Array[] {
    if (!this.state) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MSG.sync);
      syncProtocol.writeSyncStep2(e, doc);
      this.state = encoding.toUint8Array(e);
    }
    if (this.since.length === 0) return [this.state];
    this.sinceMessage ??= syncUpdate(this.since.length === 1 ? this.since[0]! : Y.mergeUpdates(this.since));
    return [this.state, this.sinceMessage];
  }
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

function busMessage(kind: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([kind]), PROCESS, payload]);
}

/** Tells every process (this one included) that a pad was deleted, so its rooms disconnect everyone. */
export async function announceDeleted(bus: Bus, name: string): Promise<void> {
  await bus.publish(`pad:${name}`, busMessage(BUS_DELETED, new Uint8Array()));
}
