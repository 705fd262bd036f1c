// The pad service of one process: settings from the config, the store, the open rooms, and the
// heartbeat that drops dead connections.
import type { WebSocket } from 'ws';
import type { Core } from '../../core.js';
import { Connection } from './connection.js';
import { CLOSE, MSG, encodeJson, type AuthorInfo } from './protocol.js';
import { Rooms } from './rooms.js';
import type { RoomSettings, Room } from './room.js';
import { PadStore, type Pad } from './store.js';
import { padDb } from './tables.js';

export function roomSettings(core: Core): RoomSettings {
  const c = core.config.pad;
  return { maxPadBytes: c.max_pad_bytes, ratePerPad: c.rate_per_pad, idleDays: c.idle_days, chatMax: c.chat_max_messages, checkpointLogBytes: c.checkpoint_log_bytes, maxDepth: c.max_depth, maxAuthors: c.max_authors };
}

export class PadService {
  readonly store: PadStore;
  readonly rooms: Rooms;
  private readonly connections = new Set<Connection>();
  /** Open WebSockets per hashed address (`pad.max_connections_per_address`). */
  private readonly perAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(readonly core: Core) {
    this.store = new PadStore(padDb(core));
    this.rooms = new Rooms(this.store, core.bus, roomSettings(core), core.log);
    this.heartbeat = setInterval(() => {
      for (const c of this.connections) {
        try {
          c.heartbeat();
        } catch (err) {
          this.core.log.warn({ err }, 'pad heartbeat failed');
        }
      }
    }, 30_000);
    this.heartbeat.unref();
  }

  /**
   * Serves one WebSocket for the pad `find` resolves to (undefined: unknown pad). Called at once on
   * upgrade: messages sent before the room is open wait in a queue. `address` is the hashed address:
   * beyond `pad.max_connections_per_address` open sockets from it, a new one is closed (flood).
   */
  accept(ws: WebSocket, find: Promise<Pad | undefined>, readOnly: boolean, address: string): void {
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.core.config.pad.max_connections_per_address) {
      void find.catch(() => undefined);
      return ws.close(CLOSE.flood, 'too many connections');
    }
    this.perAddress.set(address, open + 1);
    ws.once('close', () => {
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
    const early: [Buffer, boolean][] = [];
    const queue = (data: Buffer, isBinary: boolean) => {
      if (early.length >= 64 || data.byteLength > this.core.config.pad.max_message_bytes) ws.close(CLOSE.flood, 'too many messages before the pad opened');
      else early.push([data, isBinary]);
    };
    ws.on('message', queue);
    const cfg = this.core.config.pad;
    find.then(async (pad) => {
      if (!pad) return ws.close(CLOSE.unknownPad, 'unknown pad');
      const room = await this.openRoom(pad);
      ws.off('message', queue);
      if (ws.readyState !== ws.OPEN) return this.release(room);
        const conn = new Connection(ws, room, readOnly, { maxMessageBytes: cfg.max_message_bytes, ratePerConnection: cfg.rate_per_connection, chatMax: cfg.chat_max_messages, maxPresenceBytes: cfg.max_presence_bytes }, (r, a, text) => this.chat(r, a, text), (r, a) => this.author(r, a));
        conn.onClose = () => {
          this.connections.delete(conn);
          this.release(room);
        };
        this.connections.add(conn);
        conn.start();
        void this.store.chat(pad.name).then((messages) => {
          for (const m of messages) conn.send(encodeJson(MSG.chat, m));
        }).catch((err: unknown) => this.core.log.warn({ err }, 'pad chat not loaded'));
      for (const [data, isBinary] of early) ws.emit('message', data, isBinary);
    }).catch((err: unknown) => {
      this.core.log.error({ err }, 'pad room failed to open');
      ws.close(1011, 'unavailable');
    });
  }

  /** Closes the room if nobody is left; a failure is logged, never thrown. */
  private release(room: Room): void {
    this.rooms.release(room).catch((err: unknown) => this.core.log.warn({ err }, 'pad room close failed'));
  }

  /** The open room of a pad; one being closed as we asked is reopened. */
  private async openRoom(pad: Pad): Promise<Room> {
    for (let i = 0; i < 100; i++) {
      const room = await this.rooms.get(pad);
      if (!room.closed) return room;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('pad room unavailable');
  }

  private async chat(room: Room, author: AuthorInfo, text: string): Promise<void> {
    const message = await this.store.addChat(room.pad.name, { at: Date.now(), author: author.author, name: author.name, color: author.color, text }, this.core.config.pad.chat_max_messages);
    room.chat(message);
  }

  private async author(room: Room, author: AuthorInfo): Promise<void> {
    if (room.setAuthor(author)) await this.store.saveAuthor(room.pad.name, author);
  }

  /** Runs `edit` on the pad's room (opened for the time of the edit if nobody is there) and waits until it is durable. */
  async withRoom<T>(pad: Pad, edit: (room: Room) => T): Promise<T> {
    const room = await this.openRoom(pad);
    try {
      const result = edit(room);
      await room.drain();
      return result;
    } finally {
      await this.rooms.release(room);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const c of this.connections) c.close(CLOSE.shutdown, 'server shutting down');
    await this.rooms.closeAll();
  }
}
