// The bus of a worker process when `workers` > 1 and no Redis is configured: messages go to the primary
// process over the cluster's IPC channel, and the primary sends them on to every worker (the sender
// included, as Redis does); rate-limit hits are counted by the primary, so a limit is the chaton's,
// not each worker's. The primary's side is `cluster-hub.ts`.
import type { Bus, BusHandler, SharedCounter } from './bus.js';
import { isHubMessage, type HitReply, type WorkerMessage } from './cluster-messages.js';

/** How long a worker waits for the primary to count a hit before counting alone. */
const HIT_TIMEOUT_MS = 2000;

interface Channel {
  send?: (message: WorkerMessage) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export class ClusterBus implements Bus, SharedCounter {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly pending = new Map<number, { resolve: (reply: HitReply) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();
  private next = 0;
  private closed = false;

  constructor(private readonly channel: Channel = process as unknown as Channel) {
    channel.on('message', this.receive);
  }

  private readonly receive = (message: unknown): void => {
    if (!isHubMessage(message)) return;
    if (message.chaton === 'bus') {
      const data = Buffer.isBuffer(message.data) ? message.data : Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
      for (const h of this.handlers.get(message.channel) ?? []) h(data);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    waiting.resolve(message);
  };

  private send(message: WorkerMessage): void {
    if (this.closed || !this.channel.send) throw new Error('cluster bus: no channel to the primary process');
    this.channel.send(message);
  }

  async publish(channel: string, message: Buffer | string): Promise<void> {
    this.send({ chaton: 'bus', channel, data: typeof message === 'string' ? Buffer.from(message) : message });
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) this.handlers.delete(channel);
    };
  }

  /** Counts one hit on `key` in a fixed window of `windowMs` held by the primary (as RedisBus.hit). */
  hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    return new Promise((resolve, reject) => {
      const id = ++this.next;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('cluster bus: the primary process did not count the hit'));
      }, HIT_TIMEOUT_MS);
      this.pending.set(id, { resolve: (r) => resolve({ current: r.current, ttl: r.ttl }), reject, timer });
      try {
        this.send({ chaton: 'hit', id, key, windowMs });
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channel.off('message', this.receive);
    this.handlers.clear();
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('cluster bus: closed'));
      this.pending.delete(id);
    }
  }
}
