// The scratch-copy check of pad updates (issue 10, A1 and A2): the live document only ever receives
// updates that applied on the copy and nest at most `maxDepth` types; a refused one leaves it untouched.
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { SCRATCH_IDLE_MS, UpdateValidator } from '../../src/modules/pad/validate.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import { POISON_UPDATES, nestedBlockquotes } from '../pad/attacks.js';

/** What a room does: check on the copy, apply to the live document what passed. */
function offer(live: Y.Doc, validator: UpdateValidator, updates: Uint8Array[], from?: unknown[]): number[] {
  const refused = validator.check(updates.map((data, i) => ({ data, from: from?.[i] })));
  live.transact(() => updates.forEach((u, i) => refused.has(i) || Y.applyUpdate(live, u)));
  return [...refused.keys()].sort();
}

function paragraph(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (update = u));
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  return update!;
}

describe('pad update check', () => {
  it('accepts nesting up to maxDepth types and refuses one more, leaving the live document as it was', () => {
    const live = new Y.Doc();
    const validator = new UpdateValidator(() => live, 20);
    assert.deepEqual(offer(live, validator, nestedBlockquotes(20, 20).nest), []);
    const before = Y.encodeStateAsUpdate(live);
    const deeper = nestedBlockquotes(21, 21).nest;
    assert.deepEqual(offer(live, validator, deeper), [0]);
    assert.deepEqual([...validator.check([{ data: deeper[0]! }])], [[0, 'deep']]);
    assert.deepEqual(Y.encodeStateAsUpdate(live), before);
    // Split over several updates, the depth is still counted from the root.
    const split = nestedBlockquotes(30, 10).nest;
    assert.deepEqual(offer(live, validator, split), [2]);
  });

  it('refuses the two poison updates of issue 10 without touching the live document; later good updates pass', () => {
    const live = new Y.Doc();
    const validator = new UpdateValidator(() => live, 100);
    const writer = new Y.Doc();
    assert.deepEqual(offer(live, validator, [paragraph(writer, 'bon')]), []);
    const before = Y.encodeStateAsUpdate(live);
    assert.deepEqual([...validator.check([{ data: POISON_UPDATES[0]! }])], [[0, 'bad']]);
    assert.deepEqual(offer(live, validator, [POISON_UPDATES[0]!]), [0]);
    assert.deepEqual(Y.encodeStateAsUpdate(live), before);
    assert.deepEqual(offer(live, validator, [POISON_UPDATES[1]!]), [0]);
    assert.deepEqual(Y.encodeStateAsUpdate(live), before);
    // In one batch with good ones: only the bad one and its sender's later ones are refused.
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, before);
    Y.applyUpdate(b, before);
    const refused = offer(live, validator, [paragraph(a, 'A1'), POISON_UPDATES[0]!, paragraph(b, 'B'), paragraph(a, 'A2')], ['a', 'a', 'b', 'a']);
    assert.deepEqual(refused, [1, 3]);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(live));
    assert.equal(reloaded.getXmlFragment(FRAGMENT).length, 3, 'bon, A1 and B');
  });

  it('drops its scratch copy after a quiet minute, and makes it again on the next edit', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const live = new Y.Doc();
      const validator = new UpdateValidator(() => live, 100);
      const writer = new Y.Doc();
      assert.deepEqual(offer(live, validator, [paragraph(writer, 'un')]), []);
      assert.equal(validator.holding, true);
      mock.timers.tick(SCRATCH_IDLE_MS - 1000);
      assert.deepEqual(offer(live, validator, [paragraph(writer, 'deux')]), []);
      mock.timers.tick(SCRATCH_IDLE_MS - 1000);
      assert.equal(validator.holding, true, 'an edit keeps it');
      mock.timers.tick(1000);
      assert.equal(validator.holding, false);
      assert.deepEqual(offer(live, validator, [paragraph(writer, 'trois'), POISON_UPDATES[0]!]), [1]);
      assert.equal(live.getXmlFragment(FRAGMENT).length, 3);
    } finally {
      mock.timers.reset();
    }
  });
});
