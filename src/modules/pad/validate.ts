// Checks updates on a scratch copy of a room's document before they touch the live one. Yjs applies an
// update in place and can throw half-way (a malformed or inconsistent update), leaving a document that is
// not what is stored; and an update may build a structure so deep that Yjs' own recursion (garbage
// collection of a deleted subtree) or our renderers overflow the stack. So each batch is first applied to
// the scratch copy, with the depth of every new nested type checked; only what passed is applied to the
// live document, which therefore always equals the stored updates. The copy is made on first use (rooms
// that only read pay nothing), kept in step with every change of the live document, and dropped and
// rebuilt from the live one whenever a check fails on it, or after a minute without edits (so that the
// memory of a second copy is only spent on pads being edited).
import * as Y from 'yjs';

/** A scratch copy unused this long is dropped (rebuilt, one encoding of the pad, on the next edit). */
export const SCRATCH_IDLE_MS = 60_000;

/** Why an update is refused: it does not apply to the pad, or it nests types too deep. */
export type Refusal = 'bad' | 'deep';

class TooDeep extends Error {}

export class UpdateValidator {
  private scratch: Y.Doc | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly live: () => Y.Doc, private readonly maxDepth: number) {}

  /**
   * The indexes of the updates that must be refused (they throw, or nest types deeper than `maxDepth`), and
   * of every later one from the same sender (`from`): its connection is closed on the first. Afterwards the
   * scratch copy holds the live document plus every accepted update, in this order.
   */
  check(updates: readonly { data: Uint8Array; from?: unknown }[]): Map<number, Refusal> {
    const refused = new Map<number, Refusal>();
    if (updates.length === 0 || this.tryApply(updates.map((u) => u.data)) === null) return refused;
    // Slow path (only when something is wrong): one by one, to refuse only the guilty ones.
    const good: Uint8Array[] = [];
    const guilty = new Set<unknown>();
    updates.forEach((u, i) => {
      const refusal = u.from !== undefined && guilty.has(u.from) ? 'bad' : this.tryApply([u.data], good);
      if (refusal === null) return void good.push(u.data);
      refused.set(i, refusal);
      if (u.from !== undefined) guilty.add(u.from);
    });
    return refused;
  }

  /** Applies to the scratch copy a change already made to the live document (server edit, other process). */
  mirror(update: Uint8Array): void {
    if (!this.scratch) return;
    try {
      Y.applyUpdate(this.scratch, update);
    } catch {
      this.drop();
    }
  }

  drop(): void {
    this.scratch?.destroy();
    this.scratch = null;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }

  /** Whether a scratch copy is held now (for tests). */
  get holding(): boolean {
    return this.scratch !== null;
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.drop(), SCRATCH_IDLE_MS);
    this.idle.unref();
  }

  /** Applies `updates` to the scratch copy: null, or why not (and the copy is dropped). */
  private tryApply(updates: readonly Uint8Array[], rebuildWith: readonly Uint8Array[] = []): Refusal | null {
    let scratch = this.scratch;
    try {
      if (!scratch) {
        scratch = this.scratch = new Y.Doc({ gc: this.live().gc });
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.live()));
        for (const u of rebuildWith) Y.applyUpdate(scratch, u);
      }
      const doc = scratch;
      this.touch();
      doc.transact((tr) => {
        for (const u of updates) Y.applyUpdate(doc, u);
        if (tooDeep(doc, tr.beforeState, this.maxDepth)) throw new TooDeep();
      });
      return null;
    } catch (err) {
      this.drop();
      return err instanceof TooDeep ? 'deep' : 'bad';
    }
  }
}

/** True when a type added since `before` (a state vector) sits deeper than `max` nested types. */
export function tooDeep(doc: Y.Doc, before: Map<number, number>, max: number): boolean {
  for (const [client, structs] of doc.store.clients) {
    const from = before.get(client) ?? 0;
    for (let i = structs.length - 1; i >= 0; i--) {
      const s = structs[i]!;
      if (s.id.clock + s.length <= from) break;
      if (s instanceof Y.Item && s.content instanceof Y.ContentType && depthOf(s, max) > max) return true;
    }
  }
  return false;
}

/** How many nested types hold this item's type (itself included), counted up to `max + 1`. */
export function depthOf(item: Y.Item, max: number): number {
  let depth = 1;
  let parent = item.parent;
  while (parent instanceof Y.AbstractType && parent._item && depth <= max) {
    depth++;
    parent = parent._item.parent;
  }
  return depth;
}
