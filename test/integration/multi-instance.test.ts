// An admin change made on one process is seen at once by the others. Each process keeps openings in
// memory and reloads them only on a bus message, so this proves the bus end to end, in both ways a
// chaton runs several processes: two `chaton start` on one PostgreSQL and one Redis, and one
// `chaton start` with two workers on SQLite without Redis (the bus goes through the primary process).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createPgDatabase } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { parseConfig } from '../../src/config/load.js';
import { createCore, type Core } from '../../src/core.js';
import { getOnNewConnection, startInstance, stopInstance, type Instance } from '../helpers/process.js';
import { logIn, makeMember } from '../helpers/login.js';

const pgUrl = process.env.CHATON_TEST_PG_URL;
const redisUrl = process.env.CHATON_TEST_REDIS_URL;
const enabled = Boolean(pgUrl && redisUrl);

const cloud = { id: 'cloud', kind: 'nextcloud', name: 'Nuage de Quimper', description_fr: 'Vos fichiers', url: 'https://cloud.example.org', opening: 'members' };

/** The text of the service's card on the home page, asked on a connection of its own (in the workers
 *  mode, consecutive new connections reach every worker in turn). */
async function cloudCard(url: string): Promise<string> {
  const html = (await getOnNewConnection(url, '/')).text;
  const card = html.split('<li class="card').find((part) => part.includes(cloud.name));
  assert.ok(card, 'the cloud card is on the home page');
  return textOf('<li' + card.split('</li>')[0]);
}

/** Asks the home page up to ~2 s for a card that matches. */
async function waitForCard(url: string, pattern: RegExp): Promise<string> {
  let text = '';
  for (let i = 0; i < 20; i++) {
    text = await cloudCard(url);
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

/** The cards shown by four consecutive new connections: in the workers mode, both workers twice. */
async function everyCard(url: string): Promise<string[]> {
  const cards: string[] = [];
  for (let i = 0; i < 4; i++) cards.push(await cloudCard(url));
  return cards;
}

interface Mode { name: string; skip: string | false; workers: boolean }

const modes: Mode[] = [
  { name: 'two processes on one PostgreSQL and one Redis', skip: enabled ? false : 'set CHATON_TEST_PG_URL and CHATON_TEST_REDIS_URL to run it', workers: false },
  { name: 'two workers of one process on SQLite, without Redis', skip: false, workers: true },
];

for (const mode of modes) {
  describe(mode.name, () => {
    let dataDir = '';
    let database: { url: string; drop: () => Promise<void> } | undefined;
    let core: Core | undefined;
    let a: Instance | undefined;
    let b: Instance | undefined;
    const secret = randomBytes(32).toString('base64url');

    before(async () => {
      if (mode.skip) return;
      dataDir = await mkdtemp(join(tmpdir(), 'chaton-multi-'));
      database = mode.workers ? undefined : await createPgDatabase();
      const databaseUrl = database?.url ?? '';
      const env = {
        ...process.env,
        CHATON_CONFIG: join(dataDir, 'none.toml'),
        CHATON_PORT: '0',
        CHATON_DATABASE_URL: databaseUrl,
        CHATON_REDIS_URL: mode.workers ? '' : redisUrl,
        CHATON_WORKERS: mode.workers ? '2' : '1',
        CHATON_SECRETS_SESSION: secret,
        CHATON_DATA_DIR: dataDir,
        CHATON_LOG_LEVEL: 'warn',
        CHATON_SERVICES_EXTERNAL: JSON.stringify([cloud]),
      };
      // One after the other: the first one creates the tables. In the workers mode, one process.
      // Processes loading the sources through tsx on a shared machine may take long to start.
      a = await startInstance(env, 120_000);
      b = mode.workers ? a : await startInstance(env, 120_000);
      // For the test's own writes (the admin account) in the same database.
      core = await createCore(
        parseConfig({ data_dir: dataDir, secrets: { session: secret }, database: { url: databaseUrl }, services: { external: [cloud] } }),
        { runJobs: false, log: pino({ level: 'silent' }) },
      );
    });

    after(async () => {
      await Promise.all([stopInstance(a), stopInstance(b)]);
      await core?.close();
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('shows on every process, at once, an opening changed on one', { skip: mode.skip }, async () => {
      assert.ok(a && b && core);
      // Every process has loaded the opening from the config.
      for (const card of [...(await everyCard(a.url)), ...(await everyCard(b.url))]) assert.match(card, /Membres/);

      // The change, made through the admin form of process A (in the workers mode, of one worker).
      const adminClient = new TestClient(a.url);
      await logIn(adminClient, await makeMember(core.db, 'admin', { role: 'admin' }));
      const change = async (opening: string): Promise<void> => {
        const res = await adminClient.submit('/admin/services', { opening }, '/admin/services/cloud');
        assert.ok(res.status < 400, `the admin form answered ${res.status}`);
      };
      await change('public');
      assert.match(await waitForCard(b.url, /Sans inscription/), /Sans inscription/);
      for (const card of [...(await everyCard(a.url)), ...(await everyCard(b.url))]) assert.match(card, /Sans inscription/);

      // And back the other way, to be sure the others are not just reading late.
      await change('closed');
      assert.match(await waitForCard(b.url, /Fermé/), /Fermé/);
      for (const card of [...(await everyCard(a.url)), ...(await everyCard(b.url))]) assert.match(card, /Fermé/);
    });
  });
}
