// One browser (or protocol client) connected to a room: decodes its messages, applies the per-connection
// and per-pad limits, and closes this one connection with a clear code when it misbehaves.
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AUTHOR_ID, CHAT_MAX_CHARS, CLOSE, COLOR, MSG, NAME_MAX_CHARS, encodeJson, openMessage, type AuthorInfo } from './protocol.js';
import type { Room, RoomPeer } from './room.js';
import { TokenBucket } from './rate.js';

export interface ConnectionLimits { maxMessageBytes: number; ratePerConnection: number; chatMax: number }

/** Above this many bytes waiting in its socket, a reader is too slow and is dropped. */
const MAX_BUFFERED = 8 * 1024 * 1024;

export class Connection implements RoomPeer {
  private readonly rate: TokenBucket;
  private readonly presenceRate: TokenBucket;
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
    const presence = room.awarenessSnapshot();
    if (presence) this.send(presence);
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
        const sv = decoding.readVarUint8Array(decoder);
        for (const m of room.syncReply(sv)) this.send(m);
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
        const ids = peekAwarenessClients(update);
        if (ids.length > 4) return this.close(CLOSE.malformed, 'too many presence entries');
        for (const id of ids) this.clientIds.add(id);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, this);
        return;
      }
      case MSG.chat: {
        if (this.readOnly) return this.close(CLOSE.readOnly, 'read-only');
        if (!this.rate.take(5)) return this.close(CLOSE.flood, 'too many messages');
        const text = decoding.readVarString(decoder).trim().slice(0, CHAT_MAX_CHARS);
        if (text) void this.onChat(room, this.author, text).catch(() => this.close(1011, 'storage'));
        return;
      }
      case MSG.hello: {
        if (!this.rate.take(5)) return this.close(CLOSE.flood, 'too many messages');
        const raw = JSON.parse(decoding.readVarString(decoder)) as Partial<AuthorInfo>;
        if (typeof raw.author !== 'string' || !AUTHOR_ID.test(raw.author)) return this.close(CLOSE.malformed, 'bad author');
        const name = typeof raw.name === 'string' ? raw.name.trim().slice(0, NAME_MAX_CHARS) : '';
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

/** The client ids named in an awareness update (without applying it). */
function peekAwarenessClients(update: Uint8Array): number[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const ids: number[] = [];
  for (let i = 0; i < n && i < 16; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    decoding.readVarString(d);
  }
  return ids;
}
