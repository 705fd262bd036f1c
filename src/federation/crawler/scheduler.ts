// SPDX-License-Identifier: AGPL-3.0-or-later
// Runs tasks with a global concurrency bound and per-host politeness: at most `perHost` requests at
// once to one host, and `delayMs` between the end of one and the start of the next.

export interface SchedulerLimits { concurrency: number; perHost: number; delayMs: number }

type Task = () => Promise<void>;

/** A host's waiting tasks, by group, served round-robin (a Map iterates in insertion order). */
class HostQueue {
  private readonly groups = new Map<string, Task[]>();
  length = 0;

  push(group: string, task: Task): void {
    const tasks = this.groups.get(group);
    if (tasks) tasks.push(task);
    else this.groups.set(group, [task]);
    this.length++;
  }

  shift(): Task | undefined {
    const first = this.groups.entries().next();
    if (first.done) return undefined;
    const [group, tasks] = first.value;
    const task = tasks.shift();
    this.groups.delete(group);
    if (tasks.length) this.groups.set(group, tasks);
    this.length--;
    return task;
  }

  clear(): void {
    this.groups.clear();
    this.length = 0;
  }
}

interface Host { queue: HostQueue; active: number; nextAt: number }

export class HostScheduler {
  private readonly hosts = new Map<string, Host>();
  private readonly waiting = new Set<string>();
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void) | undefined;

  constructor(private readonly limits: SchedulerLimits) {}

  /** Queues `task` for `host`; `group` takes turns with the host's other groups. */
  push(host: string, task: Task, group = ''): void {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { queue: new HostQueue(), active: 0, nextAt: 0 }));
    h.queue.push(group, task);
    this.waiting.add(host);
    this.pump();
  }

  /** Drops every task not yet started; done() then resolves when the running ones end. */
  clear(): void {
    for (const h of this.hosts.values()) h.queue.clear();
    this.waiting.clear();
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

  private start(name: string, h: Host, task: Task): void {
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
