// The event bus: messages between the processes of one chaton. In-process by default; Redis pub/sub
// when a Redis URL is configured, so that several processes behind a load balancer see each other;
// through the primary process (cluster-bus.ts) in a worker of the workers mode without Redis.
import cluster from 'node:cluster';
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { lazy } from '../lazy.js';

// ioredis is loaded only when a Redis URL is configured.
const loadRedis = lazy<typeof import('ioredis')>('ioredis');

export type BusHandler = (message: Buffer) => void;

export interface Bus {
  publish(channel: string, message: Buffer | string): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A bus that also counts rate-limit hits for every process (Redis, or the primary of the workers mode). */
export interface SharedCounter {
  /** One hit on `key` in a fixed window of `windowMs`: the count so far and the milliseconds left. */
  hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }>;
}

export function countsHits(bus: Bus): bus is Bus & SharedCounter {
  return typeof (bus as Partial<SharedCounter>).hit === 'function';
}

export class MemoryBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: Buffer | string): Promise<void> {
    const buf = typeof message === 'string' ? Buffer.from(message) : message;
    queueMicrotask(() => this.emitter.emit(channel, buf));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisBus implements Bus, SharedCounter {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private closed = false;

  constructor(url: string, private readonly prefix = 'chaton:') {
    const { Redis: RedisClient } = loadRedis();
    this.pub = new RedisClient(url, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.sub = new RedisClient(url, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const name = channel.toString().slice(this.prefix.length);
      for (const h of this.handlers.get(name) ?? []) h(message);
    });
  }

  async publish(channel: string, message: Buffer | string): Promise<void> {
    await this.pub.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.sub.subscribe(this.prefix + channel);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (this.closed) return;
      if (set.size === 0 && this.handlers.get(channel) === set) {
        this.handlers.delete(channel);
        await this.sub.unsubscribe(this.prefix + channel);
      }
    };
  }

  /**
   * Counts one hit on `key` in a fixed window of `windowMs` shared by every process (rate limits that
   * must hold across processes): the count so far in the window and the milliseconds it has left.
   */
  async hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const k = `${this.prefix}hits:${key}`;
    const res = await this.pub.multi().set(k, '0', 'PX', windowMs, 'NX').incr(k).pttl(k).exec();
    const current = Number(res?.[1]?.[1]);
    const ttl = Number(res?.[2]?.[1]);
    if (!res || res.some(([err]) => err) || !Number.isFinite(current)) throw new Error('redis: counting a hit failed');
    return { current, ttl: ttl > 0 ? ttl : windowMs };
  }

  /** Closes both connections once their pending commands are answered. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

export async function openBus(redisUrl: string): Promise<Bus> {
  if (redisUrl) return new RedisBus(redisUrl);
  if (cluster.isWorker) return new (await import('./cluster-bus.js')).ClusterBus();
  return new MemoryBus();
}
