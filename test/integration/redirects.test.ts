// Open redirects: every `next` taken from a request (language switch, notice, login, signup, charters)
// goes through one function and stays on this chaton; hostile targets fall back to a local page and
// never make a 500.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { makeMember, PASSWORD } from '../helpers/login.js';
import { safeNext } from '../../src/server/page-context.js';
import { publishCharter } from '../../src/portal/charters/store.js';
import { SYSTEM } from '../../src/portal/audit.js';

// Each is sent raw in a query string: tab, newline, carriage return, U+2028, backslashes, other origins.
const HOSTILE = [
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d/evil.example',
  '/%E2%80%A8/evil.example',
  '/%E2%80%A9/evil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
  'https:%2F%2Fevil.example',
  '%2F%09%2Fevil.example',
  '/..//evil.example',
  '/x/..%2F..%2F%2Fevil.example',
];

/** The Location header a browser would follow stays on the server's own origin. */
function assertLocal(base: string, location: string | null, what: string): void {
  assert.ok(location !== null, `${what}: a redirect`);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(location, /[\u0000-\u001f\u007f\\]/, `${what}: no control character or backslash in ${JSON.stringify(location)}`);
  assert.equal(new URL(location, base).origin, new URL(base).origin, `${what}: ${JSON.stringify(location)} leaves the chaton`);
}

describe('safeNext: one decision for every local redirect target', () => {
  it('keeps paths of this chaton, normalised and percent-encoded', () => {
    assert.equal(safeNext('/account'), '/account');
    assert.equal(safeNext('/pad/x?flash=1#top'), '/pad/x?flash=1#top');
    assert.equal(safeNext('/caf\u00e9'), '/caf%C3%A9');
  });
  it('refuses controls, separators, backslashes and other origins', () => {
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\u2028/evil.example', '/\u2029/x', '/\u0000', '/\u0085x', '//evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', 'evil.example', '/..//evil.example', '', 42, null]) {
      assert.equal(safeNext(next, '/fallback'), '/fallback', JSON.stringify(next));
    }
    assert.equal(safeNext(`/${'a'.repeat(3000)}`), '/');
  });
});

for (const backend of backends()) {
  describe(`open redirects (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, config: { accounts: { open_signup: true }, limits: { auth_attempts: 1000 } } });
      await makeMember(server.core.db, 'redirected');
    });
    after(() => server.close());

    it('the language switch and the notice only redirect within the chaton', async () => {
      const client = new TestClient(server.url);
      for (const next of HOSTILE) {
        for (const path of [`/lang/en?next=${next}`, `/notice/dismiss?next=${next}`]) {
          const res = await client.get(path);
          assert.equal(res.status, 303, `${path}: ${res.status}`);
          assertLocal(server.url, res.location, path);
        }
      }
      // A NUL byte is refused before any redirect (no text with NUL is accepted anywhere).
      assert.equal((await client.get('/lang/en?next=/%00/evil.example')).status, 400);
      const ok = await client.get('/lang/en?next=%2Fdirectory%3Fpage%3D2');
      assert.equal(ok.location, '/directory?page=2');
    });

    it('login and its form only send back within the chaton', async () => {
      for (const next of HOSTILE) {
        const client = new TestClient(server.url);
        const page = await client.get(`/login?next=${next}`);
        assert.equal(page.status, 200, `GET /login?next=${next}`);
        assert.doesNotMatch(page.text, /name="next" value="[^"]*evil/, "the hostile target is not carried in the form");
        const decoded = decodeURIComponent(next);
        const res = await client.submit('/login', { username: 'redirected', password: PASSWORD, next: decoded });
        assert.equal(res.status, 303, `POST /login next=${JSON.stringify(decoded)}: ${res.status}`);
        assertLocal(server.url, res.location, `login next=${JSON.stringify(decoded)}`);
        // Already logged in: GET /login redirects at once.
        const again = await client.get(`/login?next=${next}`);
        assert.equal(again.status, 303);
        assertLocal(server.url, again.location, `logged-in GET /login?next=${next}`);
      }
    });

    it('signup only sends back within the chaton', async () => {
      let i = 0;
      for (const next of HOSTILE) {
        const client = new TestClient(server.url);
        const page = await client.get(`/signup?next=${next}`);
        assert.equal(page.status, 200, `GET /signup?next=${next}`);
        assert.doesNotMatch(page.text, /name="next" value="[^"]*evil/);
        const decoded = decodeURIComponent(next);
        const res = await client.submit('/signup', { username: `nouveau${i++}`, password: PASSWORD, password2: PASSWORD, next: decoded });
        assert.equal(res.status, 303, `POST /signup next=${JSON.stringify(decoded)}: ${res.status}`);
        assertLocal(server.url, res.location, `signup next=${JSON.stringify(decoded)}`);
      }
    });

    it('accepting the member charter only sends back within the chaton', async () => {
      await makeMember(server.core.db, 'lectrice');
      await publishCharter(server.core.db, SYSTEM, 'member', '# Charte', 'Première version');
      for (const next of HOSTILE) {
        const client = new TestClient(server.url);
        const decoded = decodeURIComponent(next);
        const login = await client.submit('/login', { username: 'lectrice', password: PASSWORD, next: decoded });
        assert.equal(login.status, 303);
        assertLocal(server.url, login.location, `login then charter, next=${JSON.stringify(decoded)}`);
        const page = await client.get(`/charters/accept?next=${next}`);
        assert.equal(page.status, 200, `GET /charters/accept?next=${next}`);
        assert.doesNotMatch(page.text, /name="next" value="[^"]*evil/);
        const refused = await client.submit(`/charters/accept?next=${next}`, { version: '1', next: decoded }, '/charters/accept');
        assert.equal(refused.status, 422, 'not ticked');
        assert.doesNotMatch(refused.text, /name="next" value="[^"]*evil/);
      }
      const client = new TestClient(server.url);
      await client.submit('/login', { username: 'lectrice', password: PASSWORD });
      const accepted = await client.submit('/charters/accept', { version: '1', accept: 'yes', next: '/\t/evil.example' });
      assert.equal(accepted.status, 303);
      assertLocal(server.url, accepted.location, 'charter accepted');
    });
  });
}
