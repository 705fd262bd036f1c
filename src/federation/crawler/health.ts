// SPDX-License-Identifier: AGPL-3.0-or-later
// Health checks of the no-signup services of the directory, so the finder sends visitors only to
// instances that answered recently. Same SSRF rules and politeness as the crawl.
import type { Db } from '../../storage/database.js';
import type { Config } from '../../config/schema.js';
import { fetcherFor } from './crawl.js';
import { HostScheduler } from './scheduler.js';

export async function checkDirectoryHealth(db: Db, config: Config): Promise<{ checked: number; up: number }> {
  const d = config.directory;
  const services = await db.selectFrom('dir_services').select(['url', 'website']).where('registration', '=', 'None').where('website', '!=', '').execute();
  const fetcher = fetcherFor(config);
  const scheduler = new HostScheduler({ concurrency: d.concurrency, perHost: d.per_host_concurrency, delayMs: d.per_host_delay_ms });
  let up = 0;
  for (const s of services) {
    let host = '';
    try {
      host = new URL(s.website).host;
    } catch {
      /* checked as down below */
    }
    scheduler.push(host, async () => {
      const ok = await fetcher.probe(s.website);
      if (ok) up++;
      await db.updateTable('dir_services').set({ health: ok ? 'up' : 'down', health_checked_at: Date.now() }).where('url', '=', s.url).execute();
    });
  }
  await scheduler.done();
  await fetcher.close();
  return { checked: services.length, up };
}
