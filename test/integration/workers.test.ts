// The workers mode (`workers` > 1, no Redis): one `chaton start` forks workers that share the port; the
// paste API's rate limit is the chaton's, counted by the primary, not each worker's; a worker that dies
// is replaced; SIGTERM stops them all. (Openings and pads across workers: multi-instance.test.ts and
// pad-processes.test.ts, which run in this mode too.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { childPids, getOnNewConnection, postOnNewConnection, startInstance, stopInstance, type Instance } from '../helpers/process.js';
import { encryptPaste, newKey } from '../../web/paste/crypto.js';

/** Three processes loading the sources through tsx on a shared machine take longer than one. */
const WORKERS_START_MS = 120_000;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the workers mode', () => {
  let dataDir = '';
  let chaton: Instance | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chaton-workers-'));
    chaton = await startInstance({
      ...process.env,
      CHATON_CONFIG: join(dataDir, 'none.toml'),
      CHATON_PORT: '0',
      CHATON_DATABASE_URL: '',
      CHATON_REDIS_URL: '',
      CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
      CHATON_DATA_DIR: dataDir,
      CHATON_LOG_LEVEL: 'warn',
      CHATON_WORKERS: '2',
      CHATON_PASTE_RATE_LIMIT_MAX: '4',
    }, WORKERS_START_MS);
  });

  after(async () => {
    await stopInstance(chaton);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves from two worker processes, and says once where', async () => {
    assert.ok(chaton);
    assert.equal(childPids(chaton).length, 2);
    assert.equal(chaton.output().match(/is running/g)?.length, 1);
    assert.equal((await getOnNewConnection(chaton.url, '/healthz')).status, 200);
  });

  it('holds the paste rate limit for the whole chaton, not for each worker', async () => {
    assert.ok(chaton);
    const body = JSON.stringify(await encryptPaste(newKey(), '', { paste: 'bonjour' }, { format: 'plaintext', expire: '1day', burn: false, discussion: false }));
    // New connections go to the workers in turn: 4 allowed in all, then refused whichever worker answers.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postOnNewConnection(chaton.url, '/paste/', body, { 'x-requested-with': 'JSONHttpRequest' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  });

  it('replaces a worker that dies', async () => {
    assert.ok(chaton);
    const [victim, other] = childPids(chaton) as [number, number];
    process.kill(victim, 'SIGKILL');
    await until(() => {
      const now = childPids(chaton!);
      return now.length === 2 && !now.includes(victim) && now.includes(other);
    }, 'a new worker');
    for (let i = 0; i < 4; i++) assert.equal((await getOnNewConnection(chaton.url, '/healthz')).status, 200);
  });

  it('stops every worker on SIGTERM and exits cleanly', async () => {
    assert.ok(chaton);
    const workers = childPids(chaton);
    const exited = new Promise<number | null>((r) => chaton!.child.once('exit', (code) => r(code)));
    chaton.child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const alive = workers.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(alive, []);
  });
});

describe('the workers mode on a port already taken', () => {
  it('gives up with an error instead of starting workers forever', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const dataDir = await mkdtemp(join(tmpdir(), 'chaton-workers-taken-'));
    try {
      await assert.rejects(
        startInstance({
          ...process.env,
          CHATON_CONFIG: join(dataDir, 'none.toml'),
          CHATON_PORT: String(port),
          CHATON_DATABASE_URL: '',
          CHATON_REDIS_URL: '',
          CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
          CHATON_DATA_DIR: dataDir,
          CHATON_LOG_LEVEL: 'warn',
          CHATON_WORKERS: '2',
        }, WORKERS_START_MS),
        /exited \(1\) before starting/,
      );
    } finally {
      taken.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
