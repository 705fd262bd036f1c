// Drop's periodic work: delete expired, exhausted and abandoned shares (row first, so they are never
// served, then blobs), give back the slots of downloads that died or were never confirmed, and remove
// orphan blobs.
import type { Core } from '../../core.js';
import type { Job } from '../contract.js';
import { releaseStaleDownloads } from './downloads.js';
import { TMP_GRACE_MS, deleteBlobs, deleteShare, dropDb } from './store.js';

/** Deletes the share if it is expired or has no download left. */
export async function purgeShare(core: Core, id: string): Promise<void> {
  const share = await dropDb(core).selectFrom('drop_shares').selectAll().where('id', '=', id).executeTakeFirst();
  if (share && (share.expires_at <= Date.now() || share.downloads >= share.max_downloads)) await deleteShare(core, id);
}

export async function purgeShares(core: Core, now = Date.now()): Promise<number> {
  const db = dropDb(core);
  await releaseStaleDownloads(core, now);
  const gone = await db
    .selectFrom('drop_shares')
    .select('id')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('downloads', '>=', eb.ref('max_downloads'))]))
    .execute();
  for (const { id } of gone) await deleteShare(core, id);
  return gone.length;
}

/**
 * Blobs under drop/ whose share no longer exists (e.g. a crash between the two deletions), and what
 * chunk writes cut by a crash left anywhere under drop/ (temporary files, unfinished S3 uploads).
 */
export async function purgeOrphans(core: Core): Promise<number> {
  const keys = await core.blobs.list('drop/');
  const ids = [...new Set(keys.map((k) => k.split('/')[1] ?? ''))].filter(Boolean);
  let removed = 0;
  const db = dropDb(core);
  for (const id of ids) {
    const row = await db.selectFrom('drop_shares').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) {
      await deleteBlobs(core, id);
      removed++;
    }
  }
  return removed + (await core.blobs.sweep('drop/', TMP_GRACE_MS));
}

export const dropJobs: Job[] = [
  { name: 'purge', intervalSeconds: 60, run: async (core) => void (await purgeShares(core)) },
  { name: 'orphans', intervalSeconds: 3600, run: async (core) => void (await purgeOrphans(core)) },
];
