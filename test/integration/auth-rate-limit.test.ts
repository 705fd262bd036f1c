// The forms that take a password, a username or a one-time link share one budget per address:
// `limits.auth_attempts` tries per 15 minutes for login, signup, invitations, resets and setup together.
// Signup's friendly "this username is taken" stays for a person, but cannot list names in bulk.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
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
