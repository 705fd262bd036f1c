// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory's periodic work when directory.enabled is set: the crawl, then health checks.
import type { Core } from '../../core.js';
import { crawlFederation } from './crawl.js';
import { checkDirectoryHealth } from './health.js';
import { clearFacets } from '../directory/query.js';

export function scheduleDirectoryJobs(core: Core): void {
  const d = core.config.directory;
  if (d.federation_url) {
    core.jobs.schedule({
      name: 'directory:crawl',
      intervalSeconds: d.crawl_interval_minutes * 60,
      run: async () => {
        const summary = await crawlFederation(core.db, core.config, d.federation_url);
        core.log.info({ summary }, 'directory crawled');
        clearFacets();
        await checkDirectoryHealth(core.db, core.config);
      },
    });
  }
  core.jobs.schedule({ name: 'directory:health', intervalSeconds: d.health_interval_minutes * 60, run: async () => void (await checkDirectoryHealth(core.db, core.config)) }, { runNow: false });
}
