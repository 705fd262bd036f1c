// The open rooms of this process: opened on the first connection, closed when the last one leaves.
import type { Logger } from 'pino';
import type { Bus } from '../../storage/bus.js';
import { Room, type RoomSettings } from './room.js';
import type { Pad, PadStore } from './store.js';

export class Rooms {
  private readonly rooms = new Map<string, Promise<Room>>();

  constructor(readonly store: PadStore, private readonly bus: Bus, private readonly settings: RoomSettings, private readonly log: Logger) {}

  get(pad: Pad): Promise<Room> {
    let room = this.rooms.get(pad.name);
    if (!room) {
      room = Room.open(pad, this.store, this.bus, this.settings, this.log);
      this.rooms.set(pad.name, room);
      room.catch(() => this.rooms.delete(pad.name));
    }
    return room;
  }

  /** The room if it is open here. */
  async peek(name: string): Promise<Room | undefined> {
    return this.rooms.get(name);
  }

  /** Closes the room once its last peer has left (and its writes are done). */
  async release(room: Room): Promise<void> {
    if (room.peers.size > 0) return;
    const current = this.rooms.get(room.pad.name);
    if (current && (await current) === room && room.peers.size === 0) this.rooms.delete(room.pad.name);
    else if (room.peers.size > 0) return;
    await room.close();
  }

  get size(): number {
    return this.rooms.size;
  }

  async closeAll(): Promise<void> {
    const all = await Promise.allSettled([...this.rooms.values()]);
    this.rooms.clear();
    for (const r of all) if (r.status === 'fulfilled') await r.value.close();
  }
}
