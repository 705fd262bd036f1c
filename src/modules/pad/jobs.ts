// The pad's periodic work: delete pads idle for too long, compact history older than the retention, and
// give the space of deleted rows back to the system (SQLite databases created with auto_vacuum).
import type { Job } from '../contract.js';
import { PadStore } from './store.js';
import { padDb } from './tables.js';
import { compactHistory, idlePads, padsWithOldUpdates } from './retention.js';
import { announceDeleted } from './room.js';

const DAY = 86_400_000;

export const purgeIdlePads: Job = {
  name: 'purge-idle',
  intervalSeconds: 3600,
  async run(core) {
    const days = core.config.pad.idle_days;
    if (days <= 0) return;
    const store = new PadStore(padDb(core));
    for (const name of await idlePads(store.db, Date.now() - days * DAY)) {
      await store.delete(name);
      await announceDeleted(core.bus, name);
    }
  },
};

export const compactOldHistory: Job = {
  name: 'compact-history',
  intervalSeconds: 3600,
  async run(core) {
    const days = core.config.pad.full_history_days;
    const store = new PadStore(padDb(core));
    if (days > 0) {
      const before = Date.now() - days * DAY;
      for (const name of await padsWithOldUpdates(store.db, before)) await compactHistory(store, name, before);
    }
    // Pruned checkpoints and compacted history leave free pages: with auto_vacuum = INCREMENTAL (new
    // databases) this returns them to the system; otherwise it does nothing (SQLite reuses them anyway).
    core.reclaimSpace();
  },
};
