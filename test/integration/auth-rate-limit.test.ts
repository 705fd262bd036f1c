// The forms that take a password, a username or a one-time link share one budget per address:
// `limits.auth_attempts` tries per 15 minutes for login, signup, invitations, resets and setup together.
// Signup's friendly "this username is taken" stays for a person, but cannot list names in bulk.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { backends, createPgDatabase, startTestServer, type TestServer } from '../helpers/server.js';
import { startInstance, stopInstance, type Instance } from '../helpers/process.js';
import { TestClient, textOf } from '../helpers/client.js';
import { makeMember, PASSWORD } from '../helpers/login.js';

for (const backend of backends()) {
  describe(`one rate limit for every account form (${backend})`, () => {
    let server: TestServer;
    // Each test speaks from its own (trusted, proxied) address.
    const from = (ip: string) => new TestClient(server.url, { 'x-forwarded-for': ip, 'accept-language': 'en' });
    before(async () => {
      server = await startTestServer({ backend, config: { trust_proxy: true, accounts: { open_signup: true }, limits: { auth_attempts: 3 } } });
      for (const name of ['alice', 'bruno', 'chloe', 'dario', 'elise']) await makeMember(server.core.db, name);
    });
    after(() => server.close());

    it('answers "taken" to a person, then 429 without any name after auth_attempts tries', async () => {
      const client = from('198.51.100.20');
      const tried: string[] = [];
      for (const name of ['alice', 'bruno', 'chloe']) {
        const res = await client.submit('/signup', { username: name, password: PASSWORD, password2: PASSWORD });
        assert.equal(res.status, 409);
        assert.match(textOf(res.text), new RegExp(`“${name}” is taken`));
        tried.push(name);
      }
      const blocked = await client.submit('/signup', { username: 'dario', password: PASSWORD, password2: PASSWORD });
      assert.equal(blocked.status, 429);
      assert.match(textOf(blocked.text), /Too many attempts/);
      assert.doesNotMatch(blocked.text, /dario/);
      assert.equal((await from('198.51.100.21').submit('/signup', { username: 'dario', password: PASSWORD, password2: PASSWORD })).status, 409, 'another address is not blocked');
    });

    it('counts signup, login, invitation and setup tries together', async () => {
      const client = from('198.51.100.22');
      assert.equal((await client.submit('/signup', { username: 'elise', password: PASSWORD, password2: PASSWORD })).status, 409);
      assert.equal((await client.submit('/login', { username: 'elise', password: 'pas le bon mot de passe' })).status, 401);
      assert.equal((await client.post('/invite/not-a-token', {})).status, 403, 'an invitation try without a form token still counts');
      const login = await client.submit('/login', { username: 'elise', password: PASSWORD });
      assert.equal(login.status, 429, 'the fourth try on any account form is refused');
      const setup = await client.post('/setup/not-a-token', {});
      assert.equal(setup.status, 429);
    });
  });
}

// Two real processes on one PostgreSQL and one Redis: the budget is the chaton's, not each process's.
const pgUrl = process.env.CHATON_TEST_PG_URL;
const redisUrl = process.env.CHATON_TEST_REDIS_URL;

describe('the account forms budget holds across processes (PostgreSQL and Redis)', { skip: !(pgUrl && redisUrl) }, () => {
  let dataDir = '';
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chaton-limit-'));
    database = await createPgDatabase();
    const env = {
      ...process.env,
      CHATON_CONFIG: join(dataDir, 'none.toml'),
      CHATON_PORT: '0',
      CHATON_DATABASE_URL: database.url,
      CHATON_REDIS_URL: redisUrl,
      CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
      CHATON_DATA_DIR: dataDir,
      CHATON_LOG_LEVEL: 'warn',
      CHATON_TRUST_PROXY: 'true',
      CHATON_LIMITS_AUTH_ATTEMPTS: '3',
      CHATON_PAD_CREATIONS_PER_HOUR: '2',
    };
    a = await startInstance(env);
    b = await startInstance(env);
  });
  after(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the fourth login try whichever process gets it', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.30' };
    const onA = new TestClient(a!.url, ip);
    const onB = new TestClient(b!.url, ip);
    const tries = [onA, onB, onA];
    for (const client of tries) assert.equal((await client.submit('/login', { username: 'personne', password: 'pas le bon mot de passe' })).status, 401);
    assert.equal((await onB.submit('/login', { username: 'personne', password: 'pas le bon mot de passe' })).status, 429);
    assert.equal((await new TestClient(b!.url, { 'x-forwarded-for': '198.51.100.31' }).submit('/login', { username: 'personne', password: 'pas le bon mot de passe' })).status, 401, 'another address is not blocked');
  });

  it('holds every other limit across processes too (pad creations)', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.32' };
    const onA = new TestClient(a!.url, ip);
    const onB = new TestClient(b!.url, ip);
    assert.equal((await onA.submit('/pad/', { name: 'limite-a' })).status, 303);
    assert.equal((await onB.submit('/pad/', { name: 'limite-b' })).status, 303);
    assert.equal((await onA.submit('/pad/', { name: 'limite-c' })).status, 429);
  });
});
