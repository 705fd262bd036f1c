// History retention: every update is kept `fullHistoryDays`, then compacted to one checkpoint per day;
// the creator can clear the history (one checkpoint of the current state remains); idle pads are deleted.
import type { PadDb } from './tables.js';
import type { PadStore } from './store.js';

const DAY = 86_400_000;

/** Compacts updates older than `before` into one checkpoint per (UTC) day. Returns how many updates went. */
export async function compactHistory(store: PadStore, name: string, before: number): Promise<number> {
  const db = store.db;
  const old = await db.selectFrom('pad_updates').select(['id', 'at']).where('pad', '=', name).where('at', '<', before).orderBy('id').execute();
  if (old.length === 0) return 0;
  // The last update of each day becomes a checkpoint.
  const lastOfDay = new Map<number, number>();
  for (const u of old) lastOfDay.set(Math.floor(Number(u.at) / DAY), Number(u.id));
  const keep = new Set<number>();
  for (const upto of lastOfDay.values()) {
    const exists = await db.selectFrom('pad_checkpoints').select('id').where('pad', '=', name).where('upto', '=', upto).executeTakeFirst();
    if (!exists) await store.checkpoint(name, upto);
    keep.add(upto);
  }
  const last = Number(old[old.length - 1]!.id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('pad_updates').where('pad', '=', name).where('id', '<=', last).execute();
    // Automatic checkpoints inside the compacted span, other than the daily ones, are no longer needed.
    await tx.deleteFrom('pad_checkpoints').where('pad', '=', name).where('upto', '<', last).where('label', '=', '').where('upto', 'not in', [...keep]).execute();
  });
  return old.length;
}

/** Drops the whole history: the current state remains as one checkpoint. */
export async function clearHistory(store: PadStore, name: string): Promise<void> {
  const last = await store.lastUpdateId(name);
  if (last === 0) return;
  await store.checkpoint(name, last);
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('pad_updates').where('pad', '=', name).where('id', '<=', last).execute();
    await tx.deleteFrom('pad_checkpoints').where('pad', '=', name).where('upto', '<', last).execute();
    await tx.deleteFrom('pad_checkpoints').where('pad', '=', name).where('upto', '=', last).where('label', '!=', '').execute();
  });
}

/** Names of pads not edited since `before`. */
export async function idlePads(db: PadDb, before: number): Promise<string[]> {
  const rows = await db.selectFrom('pad_pads').select('name').where('last_edit_at', '<', before).limit(1000).execute();
  return rows.map((r) => r.name);
}

/** Names of pads that have updates older than `before` (to compact). */
export async function padsWithOldUpdates(db: PadDb, before: number): Promise<string[]> {
  const rows = await db.selectFrom('pad_updates').select('pad').distinct().where('at', '<', before).limit(1000).execute();
  return rows.map((r) => r.pad);
}
