// Group commit (src/storage/group-commit.ts): rows that arrive during a commit go together in the next
// one, each caller learns when its row is committed, and a bad row fails alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit } from '../../src/storage/group-commit.js';

describe('group commit', () => {
  it('writes rows of one turn of the event loop together, and rows arriving during a commit in the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const firstStarted = new Promise<void>((r) => (started = r));
    const group = new GroupCommit<number>(async (rows) => {
      batches.push(rows);
      if (batches.length === 1) {
        started();
        await new Promise<void>((r) => (release = r));
      }
    });
    const first = [0, 1].map((n) => group.add(n));
    await firstStarted;
    const others = [2, 3, 4].map((n) => group.add(n));
    assert.deepEqual(batches, [[0, 1]]);
    release();
    await Promise.all([...first, ...others]);
    assert.deepEqual(batches, [[0, 1], [2, 3, 4]]);
  });

  it('fails only the row that cannot be written', async () => {
    const stored: number[] = [];
    const group = new GroupCommit<number>(async (rows) => {
      if (rows.includes(13)) throw new Error('bad row');
      stored.push(...rows);
    });
    const results = await Promise.allSettled([1, 13, 2].map((n) => group.add(n)));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(stored, [1, 2]);
  });

  it('keeps batches to their maximum size', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number>(async (rows) => void sizes.push(rows.length), 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => group.add(i)));
    assert.deepEqual(sizes, [3, 3, 2]);
  });
});
