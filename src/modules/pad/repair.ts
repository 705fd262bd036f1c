// Loading a pad, and repairing one whose stored state does not load (an update stored before updates
// were checked, a damaged checkpoint): the pad is rebuilt from its last checkpoint that loads and every
// logged update after it that applies; the others are deleted, a checkpoint of the result is written,
// and the pad is marked repaired (its admin page says so). Without this, such a pad never opens again.
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { PadStore } from './store.js';

export interface LoadedPad { doc: Y.Doc; bytes: number; lastId: number; checkpointUpto: number; updatesSinceCheckpoint: number; checkpointBytes: number; bytesSinceCheckpoint: number }

/** The pad's document as stored, repaired first when it does not load. */
export async function loadPad(store: PadStore, name: string, log?: Logger): Promise<LoadedPad> {
  const doc = new Y.Doc({ gc: true });
  try {
    const { state, lastId, checkpointUpto, updatesSinceCheckpoint, checkpointBytes, bytesSinceCheckpoint } = await store.load(name);
    Y.applyUpdate(doc, state, 'load');
    return { doc, bytes: state.byteLength, lastId, checkpointUpto, updatesSinceCheckpoint, checkpointBytes, bytesSinceCheckpoint };
  } catch (err) {
    doc.destroy();
    if (isStorageError(err)) throw err;
    const repaired = await store.repair(name);
    log?.warn({ pad: name, droppedUpdates: repaired.droppedUpdates, droppedCheckpoints: repaired.droppedCheckpoints }, 'pad repaired: its stored state did not load');
    return { doc: repaired.doc, bytes: repaired.state.byteLength, lastId: repaired.upto, checkpointUpto: repaired.upto, updatesSinceCheckpoint: 0, checkpointBytes: repaired.state.byteLength, bytesSinceCheckpoint: 0 };
  }
}

/** Errors of the database itself are not the data's fault: no repair for them. */
function isStorageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^SQLITE_/.test(code) || /^[0-9A-Z]{5}$/.test(code) || /^E[A-Z]+$/.test(code));
}

/** Rebuilds a document from `base` (a checkpoint) and `updates`, skipping those that do not apply. */
export function rebuild(base: Uint8Array | null, updates: { id: number; data: Uint8Array }[]): { doc: Y.Doc; bad: number[] } {
  const good: Uint8Array[] = base ? [base] : [];
  const bad: number[] = [];
  const fresh = (): Y.Doc => {
    const d = new Y.Doc({ gc: true });
    for (const g of good) Y.applyUpdate(d, g);
    return d;
  };
  let doc = fresh();
  for (const u of updates) {
    try {
      Y.applyUpdate(doc, u.data);
      good.push(u.data);
    } catch {
      // It may have applied in part: start again from the good ones.
      bad.push(u.id);
      doc.destroy();
      doc = fresh();
    }
  }
  return { doc, bad };
}
