// Unchecked input that used to answer 500 (on PostgreSQL above all): NUL bytes in a path or a form, and
// non-integers where integers are stored. Each is now refused by the route's schema (or the NUL guard)
// with a 400 and a translated message, as a page or as JSON, on both databases.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { loggedInClient } from '../helpers/login.js';

const NOT_INTEGERS = ['1.5', 'NaN', '1e400', '9999999999999999999', '-1', '0x10'];

for (const backend of backends()) {
  describe(`bad input is a translated 400 (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, config: { directory: { enabled: true }, limits: { auth_attempts: 1000 } } });
    });
    after(() => server.close());

    it('NUL bytes in directory paths', async () => {
      const client = new TestClient(server.url);
      const page = await client.get('/directory/c/%00', { 'accept-language': 'en' });
      assert.equal(page.status, 400);
      assert.match(textOf(page.text), /This request is not valid/);
      const api = await client.get('/api/directory/organizations/%00', { accept: 'application/json' });
      assert.equal(api.status, 400);
      assert.equal(api.json<{ message: string }>().message, 'Cette demande n’est pas valable.');
    });

    it('a NUL byte in the login form', async () => {
      const client = new TestClient(server.url);
      const res = await client.submit('/login', { username: '\u0000admin', password: 'peu importe le mot de passe' });
      assert.equal(res.status, 400);
      assert.match(textOf(res.text), /Cette demande n’est pas valable/);
    });

    it('a NUL byte in an admin path, past the guard', async () => {
      const { client } = await loggedInClient(server, 'admin');
      const res = await client.get('/admin/members/%00');
      assert.equal(res.status, 400);
      assert.match(textOf(res.text), /n’est pas valable/);
      const audit = await client.get('/admin/audit?before=9999999999999999999');
      assert.equal(audit.status, 400);
    });

    it('non-integers as a pad history cursor or moment', async () => {
      const client = new TestClient(server.url);
      const created = await client.submit('/pad/', { name: 'entiers' });
      assert.equal(created.status, 303);
      assert.equal((await client.get('/pad/entiers/history?after=0', { accept: 'application/json' })).status, 200);
      for (const bad of NOT_INTEGERS) {
        const res = await client.get(`/pad/entiers/history?after=${bad}`, { accept: 'application/json' });
        assert.equal(res.status, 400, `after=${bad}`);
        assert.equal(res.json<{ error: string }>().error, 'error.badRequest');
        assert.equal((await client.get(`/pad/entiers/history/${bad}`, { accept: 'application/json' })).status, 400, `moment ${bad}`);
      }
    });

    it('non-integers as Drop chunk and file indices', async () => {
      const share = await new TestClient(server.url).request('POST', '/drop/api/shares', {
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ files: [100], expiresIn: 3600, downloads: 1, salt: 'A'.repeat(22), iterations: 0, manifest: 'B'.repeat(32) }),
      });
      assert.equal(share.status, 201);
      const { id, ownerToken } = share.json<{ id: string; ownerToken: string }>();
      const owner = new TestClient(server.url, { authorization: `Bearer ${ownerToken}`, accept: 'application/json', 'accept-language': 'en' });
      for (const bad of NOT_INTEGERS) {
        for (const path of [`/drop/api/shares/${id}/files/${bad}/chunks/0`, `/drop/api/shares/${id}/files/0/chunks/${bad}`]) {
          const res = await owner.request('PUT', path, { headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(100) });
          assert.equal(res.status, 400, `${path}: ${res.status}`);
          assert.equal(res.json<{ message: string }>().message, 'This request is not valid.');
        }
      }
      const { client: admin } = await loggedInClient(server, 'admin');
      const page = await admin.get('/drop/admin');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const dismissed = await admin.post('/drop/admin/reports/9999999999999999999/dismiss', { _csrf: token });
      assert.equal(dismissed.status, 400);
    });
  });
}
