// The timeslider's data: the list of moments of a pad (each update, and each checkpoint standing for
// compacted history), read in chunks, and the state of the pad at any moment (the nearest checkpoint
// merged with the updates after it: at most `checkpointLogBytes`, or about the size of the document, of updates).
import * as Y from 'yjs';
import type { PadDb } from './tables.js';
import { mergeParts } from './merge.js';

export interface Moment { id: number; at: number; author: string }
export interface SavedVersion { id: number; at: number; label: string }
export interface TimelineChunk { moments: Moment[]; next: number | null }

export const CHUNK = 5000;

export async function timeline(db: PadDb, name: string, after: number, limit = CHUNK): Promise<TimelineChunk> {
  const updates = await db.selectFrom('pad_updates').select(['id', 'at', 'author']).where('pad', '=', name).where('id', '>', after).orderBy('id').limit(limit).execute();
  const until = updates.length === limit ? Number(updates[updates.length - 1]!.id) : Number.MAX_SAFE_INTEGER;
  // Checkpoints without their updates (compacted or cleared history) are moments too.
  const firstUpdate = await db.selectFrom('pad_updates').select((eb) => eb.fn.min('id').as('id')).where('pad', '=', name).executeTakeFirst();
  const minId = firstUpdate?.id == null ? Number.MAX_SAFE_INTEGER : Number(firstUpdate.id);
  const cps = await db.selectFrom('pad_checkpoints').select(['upto', 'at']).where('pad', '=', name).where('upto', '>', after).where('upto', '<', minId).where('upto', '<=', until).orderBy('upto').execute();
  const moments: Moment[] = [
    ...cps.map((c) => ({ id: Number(c.upto), at: Number(c.at), author: '' })),
    ...updates.map((u) => ({ id: Number(u.id), at: Number(u.at), author: u.author })),
  ];
  const seen = new Set<number>();
  const unique = moments.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true))).sort((a, b) => a.id - b.id);
  return { moments: unique, next: updates.length === limit ? until : null };
}

export async function savedVersions(db: PadDb, name: string): Promise<SavedVersion[]> {
  const rows = await db.selectFrom('pad_checkpoints').select(['upto', 'at', 'label']).where('pad', '=', name).where('label', '!=', '').orderBy('upto').execute();
  return rows.map((r) => ({ id: Number(r.upto), at: Number(r.at), label: r.label }));
}

function view(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The pad's state (a Yjs update) just after moment `id`. */
export async function stateAt(db: PadDb, name: string, id: number): Promise<Uint8Array> {
  const cp = await db.selectFrom('pad_checkpoints').select(['upto', 'state']).where('pad', '=', name).where('upto', '<=', id).orderBy('upto', 'desc').limit(1).executeTakeFirst();
  const from = cp ? Number(cp.upto) : 0;
  const rows = await db.selectFrom('pad_updates').select('data').where('pad', '=', name).where('id', '>', from).where('id', '<=', id).orderBy('id').execute();
  const parts = [...(cp ? [view(cp.state)] : []), ...rows.map((r) => view(r.data))];
  return parts.length ? mergeParts(parts) : Y.encodeStateAsUpdate(new Y.Doc());
}
