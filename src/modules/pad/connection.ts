// One browser (or protocol client) connected to a room: decodes its messages, applies the per-connection
// and per-pad limits, and closes this one connection with a clear code when it misbehaves.
import { truncateText } from '../../i18n/text-length.js';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AUTHOR_ID, CHAT_MAX_CHARS, CLOSE, COLOR, MSG, NAME_MAX_CHARS, encodeJson, openMessage, type AuthorInfo } from './protocol.js';
import type { Room, RoomPeer } from './room.js';
import { TokenBucket } from './rate.js';

export interface ConnectionLimits { maxMessageBytes: number; ratePerConnection: number; chatMax: number; maxPresenceBytes: number }

/** Above this many bytes waiting in its socket, a reader is too slow and is dropped. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** Presence entries one connection may own (a browser has one; a few spare for tabs sharing a socket). */
export const MAX_PRESENCE_ENTRIES = 4;
/**
 * Sync requests (step 1) per second per connection, and their burst: a browser sends one per connection;
 * each makes the server encode what the client lacks (the whole pad for a newcomer).
 */
export const SYNC_PER_SECOND = 1;
export const SYNC_BURST = 5;

export class Connection implements RoomPeer {
  private readonly rate: TokenBucket;
  private readonly presenceRate: TokenBucket;
  private readonly syncRate = new TokenBucket(SYNC_PER_SECOND, SYNC_BURST);
  private hello = false;
  private presenceSent = false;
  private readonly clientIds = new Set<number>();
  private author: AuthorInfo = { author: 'anonymous', name: '', color: '#dddddd' };
  private alive = true;
  private open = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    readonly readOnly: boolean,
    private readonly limits: ConnectionLimits,
    private readonly onChat: (room: Room, author: AuthorInfo, text: string) => Promise<void>,
    private readonly onAuthor: (room: Room, author: AuthorInfo) => Promise<void>,
  ) {
    this.rate = new TokenBucket(limits.ratePerConnection);
    this.presenceRate = new TokenBucket(limits.ratePerConnection);
  }

  start(): void {
    const { ws, room } = this;
    room.peers.add(this);
    ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.closed());
    ws.on('error', () => this.closed());
    this.send(encodeJson(MSG.info, room.info(this.readOnly)));
  }

  /** Called every heartbeat: a connection that did not answer the previous ping is dropped. */
  heartbeat(): void {
    if (!this.alive) return this.ws.terminate();
    this.alive = false;
    this.ws.ping();
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED) return this.close(CLOSE.slowReader, 'slow reader');
    this.ws.send(message, { binary: true });
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    // A slow reader's buffer will not drain: cut it at once.
    if (code === CLOSE.slowReader) this.ws.terminate();
    else this.ws.close(code, reason);
    this.closed();
  }

  private closed(): void {
    this.open = false;
    if (!this.room.peers.delete(this)) return;
    for (const id of this.clientIds) if (this.room.presenceOwners.get(id) === this) this.room.presenceOwners.delete(id);
    if (this.clientIds.size) awarenessProtocol.removeAwarenessStates(this.room.awareness, [...this.clientIds], null);
    this.onClose?.();
  }

  onClose?: () => void;

  private receive(data: Buffer, isBinary: boolean): void {
    if (!this.open) return;
    if (!isBinary) return this.close(CLOSE.malformed, 'binary messages only');
    if (data.byteLength > this.limits.maxMessageBytes) return this.close(CLOSE.tooLarge, 'message too large');
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      this.close(CLOSE.malformed, 'malformed message');
    }
  }

  private handle(data: Uint8Array): void {
    const { type, decoder } = openMessage(data);
    const room = this.room;
    switch (type) {
      case MSG.sync: {
        // Only step 1 (a state vector) is accepted: edits come as `update` messages, acknowledged.
        if (decoding.readVarUint(decoder) !== 0) return this.close(CLOSE.malformed, 'edits go in update messages');
        if (!this.syncRate.take()) return this.close(CLOSE.flood, 'too many sync requests');
        const sv = decoding.readVarUint8Array(decoder);
        for (const m of room.syncReply(sv)) this.send(m);
        // The document first, then who is there (a newcomer of a big pad reads sooner).
        if (!this.presenceSent) {
          this.presenceSent = true;
          const presence = room.awarenessSnapshot();
          if (presence) this.send(presence);
        }
        return;
      }
      case MSG.update: {
        if (this.readOnly) return this.close(CLOSE.readOnly, 'read-only');
        const seq = decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        if (!this.rate.take() || !room.padRate.take()) return this.close(CLOSE.flood, 'too many edits');
        const result = room.receive(this, seq, this.author.author, update);
        if (result === 'full') return this.close(CLOSE.padFull, 'pad full');
        if (result === 'bad') return this.close(CLOSE.malformed, 'bad update');
        return;
      }
      case MSG.awareness: {
        if (!this.presenceRate.take()) return this.close(CLOSE.flood, 'too many presence messages');
        const update = decoding.readVarUint8Array(decoder);
        // Remember which presence entries this connection owns, to remove them when it leaves.
        const entries = peekAwarenessClients(update);
        if (entries.length > MAX_PRESENCE_ENTRIES) return this.close(CLOSE.malformed, 'too many presence entries');
        if (entries.some((e) => e.bytes > this.limits.maxPresenceBytes)) return this.close(CLOSE.tooLarge, 'presence too large');
        const owned = new Set([...this.clientIds, ...entries.map((e) => e.id)]);
        if (owned.size > MAX_PRESENCE_ENTRIES) return this.close(CLOSE.malformed, 'too many presence entries');
        // Another connection's presence is not ours to change (it may be the same browser reconnecting
        // before its old socket is noticed gone: its presence is renewed every 15 s, accepted from then).
        if (entries.some(({ id }) => { const owner = room.presenceOwners.get(id); return owner !== undefined && owner !== this && room.peers.has(owner); })) return;
        for (const { id } of entries) {
          this.clientIds.add(id);
          room.presenceOwners.set(id, this);
        }
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, this);
        return;
      }
      case MSG.chat: {
        if (this.readOnly) return this.close(CLOSE.readOnly, 'read-only');
        if (!this.rate.take(5)) return this.close(CLOSE.flood, 'too many messages');
        const text = truncateText(decoding.readVarString(decoder).trim(), CHAT_MAX_CHARS);
        if (text) void this.onChat(room, this.author, text).catch(() => this.close(1011, 'storage'));
        return;
      }
      case MSG.hello: {
        if (!this.rate.take(5)) return this.close(CLOSE.flood, 'too many messages');
        const raw = JSON.parse(decoding.readVarString(decoder)) as Partial<AuthorInfo>;
        if (typeof raw.author !== 'string' || !AUTHOR_ID.test(raw.author)) return this.close(CLOSE.malformed, 'bad author');
        // One author per connection: a name or colour may change, the author may not.
        if (this.hello && raw.author !== this.author.author) return this.close(CLOSE.malformed, 'author changed');
        this.hello = true;
        const name = typeof raw.name === 'string' ? truncateText(raw.name.trim(), NAME_MAX_CHARS) : '';
        const color = typeof raw.color === 'string' && COLOR.test(raw.color) ? raw.color : '#dddddd';
        this.author = { author: raw.author, name, color };
        if (!this.readOnly) void this.onAuthor(room, this.author).catch(() => undefined);
        return;
      }
      default:
        return this.close(CLOSE.malformed, 'unknown message type');
    }
  }
}

/** The client ids named in an awareness update and the size of their states (without applying it). */
function peekAwarenessClients(update: Uint8Array): { id: number; bytes: number }[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const entries: { id: number; bytes: number }[] = [];
  for (let i = 0; i < n && i <= MAX_PRESENCE_ENTRIES; i++) {
    const id = decoding.readVarUint(d);
    decoding.readVarUint(d);
    entries.push({ id, bytes: decoding.readVarUint8Array(d).byteLength });
  }
  return entries;
}
