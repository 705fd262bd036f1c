// Expired pastes are never served (the store checks on read) and are purged from storage by this job.
import type { Job } from '../contract.js';
import { PasteStore, pasteDb } from './store.js';

export const purgeExpired: Job = {
  name: 'purge-expired',
  intervalSeconds: 300,
  async run(core) {
    const n = await new PasteStore(pasteDb(core)).purgeExpired();
    if (n > 0) core.log.info({ pastes: n }, 'expired pastes purged');
  },
};
