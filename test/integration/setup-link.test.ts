// The first admin's setup link with several processes on one database: every process prints the same
// link, only one is valid at a time, and it works on any process (two real `chaton start` processes).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { backends, createPgDatabase } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { startInstance, stopInstance, type Instance } from '../helpers/process.js';

/** Waits (up to ~10 s) for the setup link a process prints after starting, and returns its token. */
async function printedToken(instance: Instance): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(instance.output())?.[1];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no setup link printed:\n${instance.output()}`);
}

for (const backend of backends()) {
  describe(`one setup link for all processes (${backend})`, () => {
    let dataDir = '';
    let database: { url: string; drop: () => Promise<void> } | undefined;
    const running: Instance[] = [];
    let env: NodeJS.ProcessEnv = {};

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'chaton-setup-'));
      if (backend === 'postgres') database = await createPgDatabase();
      env = {
        ...process.env,
        CHATON_CONFIG: join(dataDir, 'none.toml'),
        CHATON_PORT: '0',
        CHATON_DATABASE_URL: database?.url ?? '',
        CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
        CHATON_DATA_DIR: dataDir,
        CHATON_LOG_LEVEL: 'warn',
      };
    });
    after(async () => {
      await Promise.all(running.map((i) => stopInstance(i)));
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('prints the same link on every process and on a restart, and it works on any of them', async () => {
      const a = await startInstance(env);
      running.push(a);
      const first = await printedToken(a);
      const b = await startInstance(env);
      running.push(b);
      assert.equal(await printedToken(b), first, 'the second process prints the first one’s link');
      // The first process's link is still valid: the second start did not replace it.
      const onA = await new TestClient(a.url).get(`/setup/${first}`);
      assert.equal(onA.status, 200);
      assert.match(onA.text, /name="username"/);
      await stopInstance(a);
      const c = await startInstance(env);
      running.push(c);
      assert.equal(await printedToken(c), first, 'a restart prints the same link');
      const onB = await new TestClient(b.url).get(`/setup/${first}`);
      assert.equal(onB.status, 200);
    });
  });
}
