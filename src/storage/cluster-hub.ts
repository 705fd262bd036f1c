// The primary process's side of the workers mode (`workers` > 1 without Redis): it relays every bus
// message to every worker, and counts rate-limit hits in fixed windows for all of them, so that each
// limit is the chaton's and not each worker's. It holds at most 100,000 windows (the oldest go first).
import { isWorkerMessage, type HubMessage } from './cluster-messages.js';

const MAX_WINDOWS = 100_000;

export interface HubWorker { send(message: HubMessage): unknown }

export class ClusterHub {
  private readonly windows = new Map<string, { count: number; end: number }>();

  constructor(private readonly workers: () => Iterable<HubWorker>) {}

  /** Counts one hit on `key` (as RedisBus.hit: the window starts with the first hit). */
  hit(key: string, windowMs: number, now = Date.now()): { current: number; ttl: number } {
    let w = this.windows.get(key);
    if (!w || w.end <= now) w = { count: 0, end: now + windowMs };
    w.count += 1;
    this.windows.delete(key); // re-inserted last: the map's order is the order of use
    this.windows.set(key, w);
    if (this.windows.size > MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value!);
    return { current: w.count, ttl: w.end - now };
  }

  /** Handles a message from `from`; anything that is not ours is ignored. */
  receive(from: HubWorker, message: unknown): void {
    if (!isWorkerMessage(message)) return;
    if (message.chaton === 'bus') {
      for (const worker of this.workers()) worker.send(message);
      return;
    }
    from.send({ chaton: 'hit-reply', id: message.id, ...this.hit(message.key, message.windowMs) });
  }
}
