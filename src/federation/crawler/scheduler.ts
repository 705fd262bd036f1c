// SPDX-License-Identifier: AGPL-3.0-or-later
// Runs tasks with a global concurrency bound and per-host politeness: at most `perHost` requests at
// once to one host, and `delayMs` between the end of one and the start of the next.

export interface SchedulerLimits { concurrency: number; perHost: number; delayMs: number }

interface Host { queue: (() => Promise<void>)[]; active: number; nextAt: number }

export class HostScheduler {
  private readonly hosts = new Map<string, Host>();
  private readonly waiting = new Set<string>();
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void) | undefined;

  constructor(private readonly limits: SchedulerLimits) {}

  /** Queues `task` for `host`. */
  push(host: string, task: () => Promise<void>): void {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { queue: [], active: 0, nextAt: 0 }));
    h.queue.push(task);
    this.waiting.add(host);
    this.pump();
  }

  /** Resolves when every queued task (and those they queued) has run. */
  done(): Promise<void> {
    if (this.active === 0 && this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  private pump(): void {
    const now = Date.now();
    let soonest = Infinity;
    for (const name of this.waiting) {
      if (this.active >= this.limits.concurrency) break;
      const h = this.hosts.get(name)!;
      if (h.nextAt > now) {
        if (h.active < this.limits.perHost) soonest = Math.min(soonest, h.nextAt);
        continue;
      }
      while (h.queue.length && h.active < this.limits.perHost && this.active < this.limits.concurrency) this.start(name, h, h.queue.shift()!);
      if (!h.queue.length) this.waiting.delete(name);
    }
    if (soonest !== Infinity && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, soonest - now);
    }
    if (this.active === 0 && this.waiting.size === 0 && this.idle) {
      const idle = this.idle;
      this.idle = undefined;
      idle();
    }
  }

  private start(name: string, h: Host, task: () => Promise<void>): void {
    h.active++;
    this.active++;
    void task()
      .catch(() => undefined)
      .finally(() => {
        h.active--;
        this.active--;
        if (this.limits.delayMs > 0) h.nextAt = Date.now() + this.limits.delayMs;
        if (h.queue.length) this.waiting.add(name);
        this.pump();
      });
  }
}
