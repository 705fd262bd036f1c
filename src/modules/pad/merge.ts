// Merging a checkpoint with the updates after it. `Y.mergeUpdates` over tens of thousands of small
// updates from hundreds of authors takes minutes (measured: 170,000 updates of a 1,000-client run);
// applying them to a document in one transaction and encoding it takes about a second. Checkpoints are
// written by the weight of the log (a 2 MB pad: after ~2 MB of updates, ~70,000 keystrokes), so loading a
// pad, writing a checkpoint and rebuilding a moment of the timeslider all go through this.
import * as Y from 'yjs';

/** The state (a Yjs update) holding every one of `parts`. */
export function mergeParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
