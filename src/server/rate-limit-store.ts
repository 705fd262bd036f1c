// The store of the rate limits (@fastify/rate-limit): fixed windows per key, in memory, at most
// 10,000 keys per counter set (the oldest go first). A route's limit counts on its own, except routes
// that name a `groupId`: they share one budget, so that e.g. the login, signup, invitation, reset and
// setup forms together allow `limits.auth_attempts` tries per address, not that many each.
import type { FastifyRateLimitStore } from '@fastify/rate-limit';

type Callback = (err: Error | null, res: { current: number; ttl: number }) => void;

const MAX_KEYS = 10_000;

class Counters {
  private readonly windows = new Map<string, { count: number; start: number }>();

  incr(key: string, cb: Callback, timeWindow: number, now = Date.now()): void {
    let w = this.windows.get(key);
    if (!w || w.start + timeWindow <= now) w = { count: 0, start: now };
    w.count += 1;
    this.windows.delete(key); // re-inserted last: the map's order is the order of use
    this.windows.set(key, w);
    if (this.windows.size > MAX_KEYS) this.windows.delete(this.windows.keys().next().value!);
    cb(null, { current: w.count, ttl: w.start + timeWindow - now });
  }
}

export class GroupedStore implements FastifyRateLimitStore {
  constructor(
    _options?: unknown,
    private readonly counters = new Counters(),
    private readonly groups = new Map<string, Counters>(),
  ) {}

  incr(key: string, cb: Callback, timeWindow: number): void {
    this.counters.incr(key, cb, timeWindow);
  }

  /** The store of one route (given the route's merged rate-limit options): its own counters, or its group's. */
  child(routeOptions: object): GroupedStore {
    const groupId = (routeOptions as { groupId?: unknown }).groupId;
    if (typeof groupId !== 'string' || !groupId) return new GroupedStore(undefined, new Counters(), this.groups);
    let shared = this.groups.get(groupId);
    if (!shared) this.groups.set(groupId, (shared = new Counters()));
    return new GroupedStore(undefined, shared, this.groups);
  }
}
