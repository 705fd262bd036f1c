// Group commit (src/storage/group-commit.ts): rows that arrive during a commit go together in the next
// one, each caller learns when its row is committed, and a bad row fails alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit } from '../../src/storage/group-commit.js';

describe('group commit', () => {
  it('writes a lone row at once, and rows arriving during a commit together in the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (rows) => {
      batches.push(rows);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = group.add(0);
    const others = [1, 2, 3, 4].map((n) => group.add(n));
    assert.deepEqual(batches, [[0]]);
    release();
    await Promise.all([first, ...others]);
    assert.deepEqual(batches, [[0], [1, 2, 3, 4]]);
  });

  it('fails only the row that cannot be written', async () => {
    const stored: number[] = [];
    let release: () => void = () => undefined;
    let calls = 0;
    const group = new GroupCommit<number>(async (rows) => {
      if (calls++ === 0) await new Promise<void>((r) => (release = r));
      if (rows.includes(13)) throw new Error('bad row');
      stored.push(...rows);
    });
    const first = group.add(0);
    const results = Promise.allSettled([1, 13, 2].map((n) => group.add(n)));
    release();
    await first;
    assert.deepEqual((await results).map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(stored, [0, 1, 2]);
  });

  it('keeps batches to their maximum size', async () => {
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const group = new GroupCommit<number>(async (rows) => {
      sizes.push(rows.length);
      if (sizes.length === 1) await new Promise<void>((r) => (release = r));
    }, 3);
    const all = Array.from({ length: 8 }, (_, i) => group.add(i));
    release();
    await Promise.all(all);
    assert.deepEqual(sizes, [1, 3, 3, 1]);
  });
});
