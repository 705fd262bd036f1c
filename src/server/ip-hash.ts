// Addresses are never stored or logged in clear. Rate limits key on HMAC(salt, address), where the salt
// is random, shared by the processes through the database, and replaced every day: yesterday's hashes
// can't be linked to today's, nor reversed once the salt is gone.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';

const DAY = 24 * 3600 * 1000;
const KEY = 'ip_salt';

export class IpHasher {
  private salt = randomBytes(32);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), 10 * 60 * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Loads the shared salt, replacing it when it is a day old. */
  async refresh(now = Date.now()): Promise<void> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    const stored = row ? (JSON.parse(row.value) as { salt: string; created: number }) : null;
    if (stored && now - stored.created < DAY) {
      this.salt = Buffer.from(stored.salt, 'base64');
      return;
    }
    const fresh = { salt: randomBytes(32).toString('base64'), created: now };
    await this.db
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(fresh) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(fresh) }))
      .execute();
    this.salt = Buffer.from(fresh.salt, 'base64');
  }

  /** A connection reset before its request is handled has no address any more: it is hashed as a placeholder. */
  hash(ip: string | undefined): string {
    return createHmac('sha256', this.salt).update(ip || 'unknown').digest('base64url').slice(0, 22);
  }
}
