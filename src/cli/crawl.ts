// SPDX-License-Identifier: AGPL-3.0-or-later
// `chaton crawl [federation-url]`: crawls a ChatonsInfos federation into the directory, with a progress bar.
import { loadConfigOrExit } from './common.js';
import { migrate, openDatabase } from '../storage/database.js';
import { migrationSets } from '../core.js';
import { builtinModules } from '../modules/index.js';
import { crawlFederation, type CrawlProgress } from '../federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../federation/crawler/health.js';
import { countOf } from '../i18n/format.js';

const en = (n: number, one: string, other = `${one}s`) => countOf(n, 'en', one, other);

/** A one-line progress bar, redrawn in place on a terminal. */
export function progressBar(p: CrawlProgress, width = 30): string {
  const ratio = p.total ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${en(p.total, 'file')}, ${en(p.errors, 'error')}`;
}

export async function crawlCommand(url: string | undefined, opts: { progress: boolean }): Promise<void> {
  const config = loadConfigOrExit();
  const target = url ?? config.directory.federation_url;
  if (!/^https?:\/\//i.test(target)) {
    console.error('chaton crawl: give the URL of a federation file (or set directory.federation_url)');
    process.exitCode = 2;
    return;
  }
  const { db, dialect, close } = openDatabase(config.database.url, config.data_dir);
  const tty = opts.progress && process.stderr.isTTY;
  let last = 0;
  try {
    await migrate(db, dialect, migrationSets(builtinModules));
    const summary = await crawlFederation(db, config, target, {
      onProgress: (p) => {
        if (!tty || Date.now() - last < 100) return;
        last = Date.now();
        process.stderr.write(`\r${progressBar(p)}`);
      },
    });
    if (tty) process.stderr.write(`\r${progressBar({ done: summary.files, total: summary.files, errors: summary.errors })}\n`);
    const health = await checkDirectoryHealth(db, config);
    console.log(
      `${en(summary.organizations, 'organization')}, ${en(summary.services, 'service')} from ${en(summary.files, 'file')} in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
        `${summary.fetched} fetched, ${summary.notModified} unchanged, ${en(summary.errors, 'error')}; ${health.up}/${en(health.checked, 'no-signup service')} up`,
    );
    if (summary.invalid) console.log(`${en(summary.invalid, 'organization or service file')} refused for validator errors (see /directory/report)`);
    if (summary.cuts.length || summary.cutOrganizations) {
      console.log(`crawl cut: ${[...summary.cuts, `${en(summary.cutOrganizations, 'organization')} over budget`].join(', ')}; ${en(summary.kept, 'file')} kept from their last good copy`);
    }
  } finally {
    await close();
  }
}
