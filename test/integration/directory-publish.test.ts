import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { makeMember, logIn } from '../helpers/login.js';
import { checkChatonsInfosText, getSubs, getValue, parseChatonsInfos } from '../../src/federation/chatonsinfos/index.js';

const external = (id: string, opening: string, software = 'Etherpad') => ({
  id,
  kind: id,
  name: `Service ${id}`,
  description_fr: `Le service ${id}`,
  url: `https://${id}.example.org/`,
  opening,
  software_name: software,
});

for (const backend of backends()) {
  describe(`ChatonsInfos publishing (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        backend,
        // Only the external services below (the built-in modules have their own tests).
        modules: [],
        config: {
          public_url: 'https://chaton.example.org',
          chaton: { name: 'Chaton de Quimper', description_fr: 'Services libres', place: 'Quimper', contact_email: 'contact@example.org', country_code: 'FR', latitude: 47.996, longitude: -4.102, type: 'ASSOCIATION' },
          services: { external: [external('pad', 'public'), external('cloud', 'members', 'Nextcloud'), external('sondage', 'signup', 'Framadate'), external('vieux', 'closed')] },
        },
      });
    });
    after(() => server.close());

    it('serves the organization file, valid, pointing to each published service', async () => {
      const res = await new TestClient(server.url).get('/.well-known/chatonsinfos/organization.properties');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; charset=utf-8/);
      const check = checkChatonsInfosText(res.text);
      assert.equal(check.errors, 0, JSON.stringify(check.issues));
      assert.equal(check.fileClass, 'Organization');
      const doc = check.document;
      assert.equal(getValue(doc, 'organization.name'), 'Chaton de Quimper');
      assert.equal(getValue(doc, 'organization.geolocation.latitude'), '47.996');
      assert.equal(getValue(doc, 'file.url'), 'https://chaton.example.org/.well-known/chatonsinfos/organization.properties');
      assert.deepEqual(
        getSubs(doc).map((s) => `${s.id}=${s.url}`),
        ['pad', 'cloud', 'sondage'].map((id) => `${id}=https://chaton.example.org/.well-known/chatonsinfos/service-${id}.properties`),
      );
    });

    it('serves one valid file per service with its registration; closed services are not published', async () => {
      const client = new TestClient(server.url);
      const expected = { pad: 'None', cloud: 'Member', sondage: 'Free' };
      for (const [id, registration] of Object.entries(expected)) {
        const res = await client.get(`/.well-known/chatonsinfos/service-${id}.properties`);
        assert.equal(res.status, 200, id);
        const check = checkChatonsInfosText(res.text);
        assert.equal(check.errors, 0, JSON.stringify(check.issues));
        assert.equal(check.fileClass, 'Service');
        assert.equal(getValue(check.document, 'service.registration'), registration);
        assert.equal(getValue(check.document, 'service.website'), `https://${id}.example.org/`);
        assert.equal(getValue(check.document, 'host.name'), 'Chaton de Quimper');
      }
      assert.equal(getValue(parseChatonsInfos((await client.get('/.well-known/chatonsinfos/service-cloud.properties')).text), 'software.name'), 'Nextcloud');
      assert.equal((await client.get('/.well-known/chatonsinfos/service-vieux.properties')).status, 404);
      assert.equal((await client.get('/.well-known/chatonsinfos/service-nope.properties')).status, 404);
      const index = await client.get('/.well-known/chatonsinfos/');
      assert.equal(index.text.trim().split('\n').length, 4);
    });

    it('follows the openings the admin changes', async () => {
      await server.core.openings.set('pad', { opening: 'closed', groups: [] });
      const client = new TestClient(server.url);
      assert.equal((await client.get('/.well-known/chatonsinfos/service-pad.properties')).status, 404);
      assert.doesNotMatch((await client.get('/.well-known/chatonsinfos/organization.properties')).text, /subs\.pad/);
      await server.core.openings.set('pad', { opening: 'public', groups: [] });
    });

    it('previews the files and their validation for admins only', async () => {
      const anonymous = await new TestClient(server.url).get('/admin/chatonsinfos');
      assert.equal(anonymous.status, 303);
      const member = new TestClient(server.url);
      await logIn(member, await makeMember(server.core.db, 'marie'));
      assert.equal((await member.get('/admin/chatonsinfos')).status, 403);
      const admin = new TestClient(server.url);
      await logIn(admin, await makeMember(server.core.db, 'alice', { role: 'admin' }));
      const page = await admin.get('/admin/chatonsinfos');
      assert.equal(page.status, 200);
      const text = textOf(page.text);
      assert.match(text, /organization\.properties/);
      assert.match(text, /service-sondage\.properties/);
      assert.match(text, /subs\.pad = https:\/\/chaton\.example\.org/);
      assert.match(page.text, /href="\/admin\/chatonsinfos" aria-current="page"/);
    });
  });
}
