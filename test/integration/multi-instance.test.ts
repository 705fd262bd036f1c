// Two real chaton processes on one PostgreSQL and one Redis: an admin change made on one is seen at
// once by the other. Each process keeps openings in memory and reloads them only on a bus message,
// so this proves the Redis bus end to end.
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
import { startInstance, stopInstance, type Instance } from '../helpers/process.js';
import { logIn, makeMember } from '../helpers/login.js';

const pgUrl = process.env.CHATON_TEST_PG_URL;
const redisUrl = process.env.CHATON_TEST_REDIS_URL;
const enabled = Boolean(pgUrl && redisUrl);

const cloud = { id: 'cloud', kind: 'nextcloud', name: 'Nuage de Quimper', description_fr: 'Vos fichiers', url: 'https://cloud.example.org', opening: 'members' };

/** The text of a service's card on a home page. */
async function cloudCard(client: TestClient): Promise<string> {
  const html = (await client.get('/')).text;
  const card = html.split('<li class="card').find((part) => part.includes(cloud.name));
  assert.ok(card, 'the cloud card is on the home page');
  return textOf('<li' + card.split('</li>')[0]);
}

/** Asks the home page up to ~2 s for a card that matches. */
async function waitForCard(client: TestClient, pattern: RegExp): Promise<string> {
  let text = '';
  for (let i = 0; i < 20; i++) {
    text = await cloudCard(client);
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

describe('several processes on one PostgreSQL and one Redis', () => {
  let dataDir = '';
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let core: Core | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;
  const secret = randomBytes(32).toString('base64url');

  before(async () => {
    if (!enabled) return;
    dataDir = await mkdtemp(join(tmpdir(), 'chaton-multi-'));
    database = await createPgDatabase();
    const env = {
      ...process.env,
      CHATON_CONFIG: join(dataDir, 'none.toml'),
      CHATON_PORT: '0',
      CHATON_DATABASE_URL: database.url,
      CHATON_REDIS_URL: redisUrl,
      CHATON_SECRETS_SESSION: secret,
      CHATON_DATA_DIR: dataDir,
      CHATON_LOG_LEVEL: 'warn',
      CHATON_SERVICES_EXTERNAL: JSON.stringify([cloud]),
    };
    // One after the other: the first one creates the tables.
    a = await startInstance(env);
    b = await startInstance(env);
    core = await createCore(
      parseConfig({ data_dir: dataDir, secrets: { session: secret }, database: { url: database.url }, redis: { url: redisUrl }, services: { external: [cloud] } }),
      { runJobs: false, log: pino({ level: 'silent' }) },
    );
  });

  after(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await core?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows on process B, at once, an opening changed on process A', { skip: enabled ? false : 'set CHATON_TEST_PG_URL and CHATON_TEST_REDIS_URL to run it' }, async (t) => {
    assert.ok(a && b && core);
    const onA = new TestClient(a.url);
    const onB = new TestClient(b.url);
    // Both processes have loaded the opening from the config.
    assert.match(await cloudCard(onA), /Membres/);
    assert.match(await cloudCard(onB), /Membres/);

    // The change, made on A: through its admin form when it exists, else through a core connected to
    // the same database and Redis (as process A would do it).
    const adminClient = new TestClient(a.url);
    await logIn(adminClient, await makeMember(core.db, 'admin', { role: 'admin' }));
    const form = await adminClient.get('/admin/services');
    if (form.status === 200 && form.text.includes('action="/admin/services/cloud"')) {
      const res = await adminClient.submit('/admin/services', { opening: 'public' }, '/admin/services/cloud');
      assert.ok(res.status < 400, `A's admin form answered ${res.status}`);
      t.diagnostic('changed through the admin form of process A');
    } else {
      await core.openings.set('cloud', { opening: 'public', groups: [] });
      t.diagnostic('no admin form yet: changed through an OpeningStore on the same PostgreSQL and Redis');
    }

    assert.match(await waitForCard(onB, /Sans inscription/), /Sans inscription/);
    assert.match(await cloudCard(onA), /Sans inscription/);

    // And back the other way, to be sure B is not just reading late.
    await core.openings.set('cloud', { opening: 'closed', groups: [] });
    assert.match(await waitForCard(onB, /Fermé/), /Fermé/);
  });
});
