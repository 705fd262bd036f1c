import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';

for (const backend of backends()) {
  describe(`portal home and basics (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        backend,
        config: {
          chaton: { name: 'Chaton de Quimper', place: 'Quimper', source_url: 'https://git.example.org/quimper/chaton', description_fr: 'Services libres pour le pays de Quimper', description_en: 'Free services around Quimper' },
          services: { external: [{ id: 'cloud', kind: 'nextcloud', name: 'Nextcloud', description_fr: 'Vos fichiers', description_en: 'Your files', url: 'https://cloud.example.org', opening: 'members' }] },
        },
      });
    });
    after(() => server.close());

    it('shows the chaton and its services in French by default', async () => {
      const res = await new TestClient(server.url).get('/');
      assert.equal(res.status, 200);
      const text = textOf(res.text);
      assert.match(text, /Chaton de Quimper/);
      assert.match(text, /Services libres pour le pays de Quimper/);
      assert.match(text, /Où : Quimper/);
      assert.match(text, /Nextcloud/);
      assert.match(text, /Membres/);
      assert.match(res.text, /href="https:\/\/cloud.example.org"/);
      // AGPL section 13: every page offers the source code this chaton runs.
      assert.match(res.text, /<footer[^]*<a href="https:\/\/git.example.org\/quimper\/chaton">Code source<\/a>[^]*<\/footer>/);
    });

    it('speaks English through Accept-Language, and remembers the switch', async () => {
      const client = new TestClient(server.url, { 'accept-language': 'en-GB,en;q=0.9' });
      assert.match(textOf((await client.get('/')).text), /Our services.*Members/);
      const sw = await client.get('/lang/fr?next=/');
      assert.equal(sw.status, 303);
      assert.equal(sw.location, '/');
      assert.match(textOf((await client.get('/')).text), /Nos services/);
    });

    it('answers /healthz with JSON when the database is up', async () => {
      const res = await new TestClient(server.url).get('/healthz');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { status: 'ok', database: 'up' });
    });

    it('sends strict security headers', async () => {
      const res = await new TestClient(server.url).get('/');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('strict-transport-security'), null);
    });

    it('sends HSTS behind a proxy that says HTTPS only when trusted', async () => {
      const res = await new TestClient(server.url).get('/', { 'x-forwarded-proto': 'https' });
      assert.equal(res.headers.get('strict-transport-security'), null);
    });

    it('answers unknown pages with a translated 404, and refuses open redirects', async () => {
      const res = await new TestClient(server.url, { 'accept-language': 'en' }).get('/no/such/page');
      assert.equal(res.status, 404);
      assert.match(textOf(res.text), /does not exist/);
      const sw = await new TestClient(server.url).get('/lang/en?next=//evil.example/');
      assert.equal(sw.location, '/');
    });
  });
}
