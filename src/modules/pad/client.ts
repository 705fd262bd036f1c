// A pad protocol client, used by the browser editor, the tests and the benchmark: it keeps a Y.Doc in
// sync over a WebSocket, numbers its edits and counts them saved only when the server acknowledges them
// (written to disk), keeps editing while offline and sends what the server misses on reconnect.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { ACCESS_CLOSE_CODES } from '../../portal/policy/close-codes.js';
import { CLOSE, MSG, encodeAwareness, encodeJson, encodeString, encodeUpdate, openMessage, type AuthorInfo, type ChatMessage, type PadInfo } from './protocol.js';

/** What we need of a WebSocket: the browser's and the `ws` package's both fit. */
export interface SocketLike {
  binaryType: string;
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type Status = 'connecting' | 'online' | 'offline' | 'closed';

export interface PadClientOptions {
  url: string;
  open: (url: string) => SocketLike;
  author?: AuthorInfo;
  doc?: Y.Doc;
  /** false: do not keep presence (benchmark clients). */
  awareness?: boolean;
  /** Reconnect after a drop (default true). */
  reconnect?: boolean;
}

/** Close codes after which reconnecting cannot help. */
const FINAL = new Set<number>([CLOSE.readOnly, CLOSE.unknownPad, CLOSE.deleted, CLOSE.padFull, CLOSE.malformed, CLOSE.tooLarge, CLOSE.slowReader, CLOSE.tooDeep, ...ACCESS_CLOSE_CODES]);

export class PadClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness | null;
  status: Status = 'connecting';
  synced = false;
  info: PadInfo | null = null;
  closeCode = 0;
  private socket: SocketLike | null = null;
  private seq = 0;
  /** The highest edit number the server acknowledged as durable on the current connection. */
  lastAcked = 0;
  private readonly unacked = new Set<number>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private author: AuthorInfo | undefined;
  private readonly listeners = new Map<string, Set<(arg: unknown) => void>>();

  constructor(private readonly options: PadClientOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.author = options.author;
    this.awareness = options.awareness === false ? null : new awarenessProtocol.Awareness(this.doc);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
    this.awareness?.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const mine = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
      if (origin !== this && mine.length && this.status === 'online') this.socket?.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness!, mine)));
      this.emit('presence', null);
    });
    this.connect();
  }

  on(event: 'status' | 'synced' | 'saved' | 'info' | 'chat' | 'presence' | 'closed', listener: (arg: unknown) => void): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  private emit(event: string, arg: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(arg);
  }

  /** The number of the last edit sent. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Edits not yet acknowledged as durable by the server. */
  get pending(): number {
    return this.unacked.size;
  }

  private setStatus(status: Status): void {
    this.status = status;
    this.emit('status', status);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus(this.retry === 0 ? 'connecting' : 'offline');
    const socket = this.options.open(this.options.url);
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.retry = 0;
      this.setStatus('online');
      if (this.author) socket.send(encodeJson(MSG.hello, this.author));
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MSG.sync);
      syncProtocol.writeSyncStep1(e, this.doc);
      socket.send(encoding.toUint8Array(e));
      if (this.awareness?.getLocalState()) socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
    };
    socket.onmessage = (ev) => {
      const data = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : (ev.data as Uint8Array);
      this.receive(data);
    };
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.synced = false;
      this.closeCode = ev.code;
      // Unacknowledged edits are resent as part of the catch-up after reconnecting.
      this.unacked.clear();
      if (this.awareness) awarenessProtocol.removeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID), this);
      if (this.stopped || FINAL.has(ev.code) || this.options.reconnect === false) {
        this.setStatus('closed');
        this.emit('closed', ev.code);
        return;
      }
      this.setStatus('offline');
      const delay = ev.code === CLOSE.flood ? 2000 : Math.min(10_000, 250 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private receive(data: Uint8Array): void {
    const { type, decoder } = openMessage(data);
    switch (type) {
      case MSG.sync: {
        const kind = decoding.readVarUint(decoder);
        if (kind === syncProtocol.messageYjsSyncStep1) {
          // The server's state vector: send what it misses (offline edits), as an acknowledged update.
          const sv = decoding.readVarUint8Array(decoder);
          const missing = Y.encodeStateAsUpdate(this.doc, sv);
          if (hasContent(missing)) this.sendUpdate(missing, true);
          this.synced = true;
          this.emit('synced', null);
          if (this.unacked.size === 0) this.emit('saved', null);
        } else {
          Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), this);
        }
        return;
      }
      case MSG.ack: {
        const seq = decoding.readVarUint(decoder);
        this.lastAcked = Math.max(this.lastAcked, seq);
        for (const s of this.unacked) if (s <= seq) this.unacked.delete(s);
        if (this.unacked.size === 0) this.emit('saved', null);
        return;
      }
      case MSG.awareness:
        if (this.awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      case MSG.info:
        this.info = JSON.parse(decoding.readVarString(decoder)) as PadInfo;
        this.emit('info', this.info);
        return;
      case MSG.author: {
        // One author changed: the rest of the list is as it was.
        const author = JSON.parse(decoding.readVarString(decoder)) as AuthorInfo;
        if (!this.info) return;
        this.info = { ...this.info, authors: [...this.info.authors.filter((a) => a.author !== author.author), author] };
        this.emit('info', this.info);
        return;
      }
      case MSG.chat:
        this.emit('chat', JSON.parse(decoding.readVarString(decoder)) as ChatMessage);
        return;
    }
  }

  private sendUpdate(update: Uint8Array, force = false): void {
    // Before the first sync, the catch-up on step 1 carries every local edit.
    if (!this.socket || this.status !== 'online' || (!this.synced && !force)) return;
    if (this.info?.readOnly) return;
    const seq = ++this.seq;
    this.unacked.add(seq);
    this.socket.send(encodeUpdate(seq, update));
  }

  setAuthor(author: AuthorInfo): void {
    this.author = author;
    if (this.status === 'online') this.socket?.send(encodeJson(MSG.hello, author));
  }

  chat(text: string): void {
    if (this.status === 'online') this.socket?.send(encodeString(MSG.chat, text));
  }

  /** Sends raw bytes (tests of bad input). */
  sendRaw(data: Uint8Array): void {
    this.socket?.send(data);
  }

  /** Drops the connection as a network failure would (it reconnects unless told not to). */
  drop(): void {
    this.socket?.close(4000, 'dropped');
  }

  destroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'bye');
    this.awareness?.destroy();
  }
}

/** An empty Yjs update is two zero bytes (no structs, empty delete set). */
function hasContent(update: Uint8Array): boolean {
  return !(update.byteLength <= 2 && update.every((b) => b === 0));
}
