// SPDX-License-Identifier: AGPL-3.0-or-later
// Health checks of the no-signup services of the directory, so the finder sends visitors only to
// instances that answered recently. Same SSRF rules, politeness, turns per organization and time budget
// as the crawl.
import type { Db } from '../../storage/database.js';
import type { Config } from '../../config/schema.js';
import { fetcherFor } from './crawl.js';
import { HostScheduler } from './scheduler.js';

export async function checkDirectoryHealth(db: Db, config: Config): Promise<{ checked: number; up: number }> {
  const d = config.directory;
  const services = await db.selectFrom('dir_services').select(['url', 'website', 'org_url']).where('registration', '=', 'None').where('website', '!=', '').execute();
  const fetcher = fetcherFor(config);
  const scheduler = new HostScheduler({ concurrency: d.concurrency, perHost: d.per_host_concurrency, delayMs: d.per_host_delay_ms });
  // The crawl's time budget: what is not checked by then keeps its last health.
  const deadline = setTimeout(() => scheduler.clear(), d.crawl_max_seconds * 1000);
  let up = 0;
  for (const s of takingTurns(services)) {
    let host = '';
    try {
      host = new URL(s.website).host;
    } catch {
      /* checked as down below */
    }
    scheduler.push(
      host,
      async () => {
        const ok = await fetcher.probe(s.website);
        if (ok) up++;
        await db.updateTable('dir_services').set({ health: ok ? 'up' : 'down', health_checked_at: Date.now() }).where('url', '=', s.url).execute();
      },
      s.org_url,
    );
  }
  await scheduler.done();
  clearTimeout(deadline);
  await fetcher.close();
  return { checked: services.length, up };
}

/** The services in turns: each organization's first, then each one's second… so none waits behind a huge one. */
function takingTurns<T extends { org_url: string }>(services: T[]): T[] {
  const byOrg = new Map<string, T[]>();
  for (const s of services) {
    const list = byOrg.get(s.org_url);
    if (list) list.push(s);
    else byOrg.set(s.org_url, [s]);
  }
  const out: T[] = [];
  for (let i = 0; out.length < services.length; i++) for (const list of byOrg.values()) if (list[i]) out.push(list[i]!);
  return out;
}
