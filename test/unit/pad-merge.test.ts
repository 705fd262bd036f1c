// Merging a checkpoint with many small updates from many authors (loading a pad, writing a checkpoint,
// rebuilding a moment): the result holds exactly what `Y.mergeUpdates` gives, text and formatting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { mergeParts } from '../../src/modules/pad/merge.js';
import { docFromState } from '../../src/modules/pad/export.js';
import { textOfDoc, type, deleteSome } from '../pad/helpers.js';

describe('merging a pad\'s updates', () => {
  it('gives the same document as Y.mergeUpdates, for a checkpoint and thousands of edits by many authors', () => {
    const base = new Y.Doc();
    type(base, 'Le début du pad. ');
    const checkpoint = Y.encodeStateAsUpdate(base);
    const authors = Array.from({ length: 40 }, () => {
      const d = new Y.Doc();
      Y.applyUpdate(d, checkpoint);
      return d;
    });
    const updates: Uint8Array[] = [];
    authors.forEach((d) => d.on('update', (u: Uint8Array) => updates.push(u)));
    for (let i = 0; i < 4000; i++) {
      const d = authors[i % authors.length]!;
      if (i % 9 === 8) deleteSome(d, i % 3, 1);
      else type(d, 'abcdefgh'.slice(i % 8, (i % 8) + 1 + (i % 3)), i % 5);
    }
    const parts = [checkpoint, ...updates];
    assert.equal(textOfDoc(docFromState(mergeParts(parts))), textOfDoc(docFromState(Y.mergeUpdates(parts))));
    assert.deepEqual(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(mergeParts(parts))), Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.mergeUpdates(parts))));
    assert.equal(mergeParts([checkpoint]), checkpoint);
  });
});
