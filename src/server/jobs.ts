// Periodic jobs. With several processes, a lease row in the database makes one of them run each job.
import type { Db } from '../storage/database.js';
import type { Logger } from 'pino';

export interface ScheduledJob { name: string; intervalSeconds: number; run(): Promise<void> }

export class JobRunner {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<void>>();

  constructor(private readonly db: Db, private readonly log: Logger) {}

  /** Takes the lease of `name` until now + interval, if nobody holds it. */
  async acquire(name: string, intervalMs: number, now = Date.now()): Promise<boolean> {
    await this.db.insertInto('job_leases').values({ name, locked_until: 0, last_run_at: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const res = await this.db
      .updateTable('job_leases')
      .set({ locked_until: now + intervalMs - 1000, last_run_at: now })
      .where('name', '=', name)
      .where('locked_until', '<=', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  schedule(job: ScheduledJob, { runNow = true } = {}): void {
    const tick = async (): Promise<void> => {
      try {
        if (!(await this.acquire(job.name, job.intervalSeconds * 1000))) return;
        await job.run();
      } catch (err) {
        this.log.error({ err, job: job.name }, 'job failed');
      }
    };
    const fire = (): void => {
      const p = tick().finally(() => this.running.delete(p));
      this.running.add(p);
    };
    if (runNow) fire();
    const t = setInterval(fire, job.intervalSeconds * 1000);
    t.unref();
    this.timers.push(t);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }
}

