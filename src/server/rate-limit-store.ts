// The store of the rate limits (@fastify/rate-limit): fixed windows per key, in memory (at most 10,000
// keys per counter set, the oldest go first), or in Redis when the processes share one, so that a limit
// is the chaton's and not each process's. A route's limit counts on its own, except routes
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

/** Counts a hit in a window shared by every process (RedisBus.hit), when the chaton has several. */
export type SharedHits = (key: string, windowMs: number) => Promise<{ current: number; ttl: number }>;

export class GroupedStore implements FastifyRateLimitStore {
  constructor(
    _options?: unknown,
    private readonly counters = new Counters(),
    private readonly groups = new Map<string, Counters>(),
    private readonly shared?: SharedHits,
    /** What the shared counter's keys start with: the group, or the route. */
    private readonly scope?: string,
  ) {}

  /** The store class for @fastify/rate-limit; groups count across processes through `shared` when given. */
  static sharedBy(shared: SharedHits | undefined): new (options?: unknown) => GroupedStore {
    return class extends GroupedStore {
      constructor(options?: unknown) {
        super(options, new Counters(), new Map(), shared);
      }
    };
  }

  incr(key: string, cb: Callback, timeWindow: number): void {
    // Every limit holds across processes; if Redis fails, this process counts alone meanwhile.
    if (this.scope && this.shared) {
      this.shared(`${this.scope} ${key}`, timeWindow).then((res) => cb(null, res), () => this.counters.incr(key, cb, timeWindow));
      return;
    }
    this.counters.incr(key, cb, timeWindow);
  }

  /** The store of one route (given the route's merged rate-limit options): its own counters, or its group's. */
  child(routeOptions: object): GroupedStore {
    const { groupId, routeInfo } = routeOptions as { groupId?: unknown; routeInfo?: { method?: unknown; url?: unknown } };
    if (typeof groupId !== 'string' || !groupId) {
      return new GroupedStore(undefined, new Counters(), this.groups, this.shared, `route ${String(routeInfo?.method)} ${String(routeInfo?.url)}`);
    }
    let counters = this.groups.get(groupId);
    if (!counters) this.groups.set(groupId, (counters = new Counters()));
    return new GroupedStore(undefined, counters, this.groups, this.shared, `group ${groupId}`);
  }
}
