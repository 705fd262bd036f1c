// The process guard of `chaton start`: an error that escapes every handler is logged and the process keeps
// serving (issue 10, A1: one visitor's message made Node exit on an unhandled rejection).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

describe('process guard', () => {
  it('logs an unhandled rejection and an uncaught exception, and keeps serving', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/guard/escape.ts'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /still serving/);
    assert.match(run.stdout, /unhandled rejection \(kept serving\)/);
    assert.match(run.stdout, /escaped rejection/);
    assert.match(run.stdout, /uncaught exception \(kept serving\)/);
  });
});
