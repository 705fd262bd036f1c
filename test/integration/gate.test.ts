// The opening gate, end to end with a real module (test/fixtures/echo-module.ts): each opening lets in
// exactly who it should, for pages and WebSocket upgrades alike; the module's migration, health check
// and bad-input handling work through the contract.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { echoModule, ECHO_MAX } from '../fixtures/echo-module.js';
import { logIn, makeMember, type TestMember } from '../helpers/login.js';
import type { ServiceOpening } from '../../src/portal/policy/openings.js';

type WsOutcome = { status: number } | { echo: string };

/** Opens /echo/ws with the client's cookies: the refusal status, or what the server echoed. */
function tryWebSocket(server: TestServer, client: TestClient): Promise<WsOutcome> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const ws = new WebSocket(server.url.replace(/^http/, 'ws') + '/echo/ws', { headers: cookie ? { cookie } : {} });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => ws.send('bonjour'));
    ws.on('message', (data) => {
      resolve({ echo: String(data) });
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}

/** The card of a service on the home page, as text. */
function cardText(html: string, name: string): string {
  const card = html.split('<li class="card').find((part) => part.includes(`>${name}<`));
  assert.ok(card, `no card for ${name} on the home page`);
  return textOf('<li' + card.split('</li>')[0]);
}

for (const backend of backends()) {
  describe(`the opening gate with a module (${backend})`, () => {
    let server: TestServer;
    let admin: TestMember, member: TestMember, pending: TestMember, grouped: TestMember;
    // One client per person, logged in once.
    const clients: Record<'anonymous' | 'admin' | 'member' | 'pending' | 'grouped', TestClient> = {} as never;
    const setOpening = (value: ServiceOpening) => server.core.openings.set('echo', value);
    const publishCharter = (kind: 'anonymous' | 'member') =>
      server.core.db.insertInto('charters').values({ kind, version: 1, body_md: '# Charte\n\nSoyez courtois.', summary: 'première version', published_at: Date.now(), published_by: admin.id }).execute();

    before(async () => {
      server = await startTestServer({ backend, modules: [echoModule], config: { limits: { body_bytes: 4096 } } });
      const db = server.core.db;
      admin = await makeMember(db, 'alice', { role: 'admin' });
      member = await makeMember(db, 'bruno');
      pending = await makeMember(db, 'chloe', { admitted: false });
      grouped = await makeMember(db, 'dalia', { groups: ['asso-breizh'] });
      clients.anonymous = new TestClient(server.url);
      for (const [name, who] of [['admin', admin], ['member', member], ['pending', pending], ['grouped', grouped]] as const) {
        clients[name] = new TestClient(server.url);
        await logIn(clients[name], who);
      }
    });
    after(() => server.close());
    beforeEach(() => setOpening({ opening: 'public', groups: [] }));

    it('ran the module’s migration and shows the status its health check stored on the home page', async () => {
      const rows = await server.core.db.withTables<{ echo_messages: { id: number } }>().selectFrom('echo_messages').select('id').execute();
      assert.deepEqual(rows, []);
      // The health job runs at start; wait for its result to be stored.
      let status: string | undefined;
      for (let i = 0; i < 100 && status !== 'up'; i++) {
        status = (await server.core.db.selectFrom('service_status').select('status').where('service_id', '=', 'echo').executeTakeFirst())?.status;
        if (status !== 'up') await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 'up');
      const card = cardText((await clients.anonymous.get('/')).text, 'Écho');
      assert.match(card, /Sans inscription/);
      assert.match(card, /En service/);
    });

    it('public: anyone can use it without an account, and sees the anonymous-use notice once that charter exists', async () => {
      const before = await clients.anonymous.get('/echo/');
      assert.equal(before.status, 200);
      assert.doesNotMatch(textOf(before.text), /Vous utilisez ce service sans compte/, 'no notice pointing to a charter that does not exist');
      await publishCharter('anonymous');
      const page = await clients.anonymous.get('/echo/');
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Vous utilisez ce service sans compte/);
      assert.match(page.text, /href="\/charters\/anonymous"/);
      const sent = await clients.anonymous.submit('/echo/', { message: 'Bonjour Quimper' });
      assert.equal(sent.status, 303);
      assert.match(textOf((await clients.anonymous.get('/echo/')).text), /Bonjour Quimper/);
      assert.deepEqual(await tryWebSocket(server, clients.anonymous), { echo: 'bonjour' });
      // A member is not anonymous: no notice.
      const asMember = await clients.member.get('/echo/');
      assert.equal(asMember.status, 200);
      assert.doesNotMatch(textOf(asMember.text), /Vous utilisez ce service sans compte/);
    });

    it('closed: refused to anonymous visitors and members with a translated page, open to admins', async () => {
      await setOpening({ opening: 'closed', groups: [] });
      for (const who of ['anonymous', 'member'] as const) {
        const res = await clients[who].get('/echo/');
        assert.equal(res.status, 403, who);
        assert.match(textOf(res.text), /Écho est fermé/);
        assert.deepEqual(await tryWebSocket(server, clients[who]), { status: 403 });
      }
      const en = await new TestClient(server.url, { 'accept-language': 'en' }).get('/echo/');
      assert.equal(en.status, 403);
      assert.match(textOf(en.text), /Echo is closed/);
      assert.equal((await clients.admin.get('/echo/')).status, 200);
      assert.deepEqual(await tryWebSocket(server, clients.admin), { echo: 'bonjour' });
      // The home page no longer links a closed service to those who can't use it.
      assert.doesNotMatch((await clients.anonymous.get('/')).text, /href="\/echo\/"/);
    });

    it('signup: anonymous visitors get a 401 page with a login link, any member passes', async () => {
      await setOpening({ opening: 'signup', groups: [] });
      const res = await clients.anonymous.get('/echo/');
      assert.equal(res.status, 401);
      assert.match(textOf(res.text), /Écho est réservé aux personnes ayant un compte/);
      assert.match(res.text, /href="\/login\?next=%2Fecho%2F"/);
      assert.deepEqual(await tryWebSocket(server, clients.anonymous), { status: 401 });
      for (const who of ['member', 'pending'] as const) {
        assert.equal((await clients[who].get('/echo/')).status, 200, who);
        assert.deepEqual(await tryWebSocket(server, clients[who]), { echo: 'bonjour' });
      }
    });

    it('members: a member not yet admitted is refused, an admitted one passes', async () => {
      await setOpening({ opening: 'members', groups: [] });
      assert.equal((await clients.anonymous.get('/echo/')).status, 401);
      const res = await clients.pending.get('/echo/');
      assert.equal(res.status, 403);
      assert.match(textOf(res.text), /pas encore été accepté comme membre/);
      assert.deepEqual(await tryWebSocket(server, clients.pending), { status: 403 });
      assert.equal((await clients.member.get('/echo/')).status, 200);
      assert.deepEqual(await tryWebSocket(server, clients.member), { echo: 'bonjour' });
    });

    it('members of some groups: only those groups (and admins) pass', async () => {
      await setOpening({ opening: 'members', groups: ['asso-breizh'] });
      const res = await clients.member.get('/echo/');
      assert.equal(res.status, 403);
      assert.match(textOf(res.text), /Écho est réservé à certains groupes/);
      assert.deepEqual(await tryWebSocket(server, clients.member), { status: 403 });
      assert.equal((await clients.grouped.get('/echo/')).status, 200);
      assert.deepEqual(await tryWebSocket(server, clients.grouped), { echo: 'bonjour' });
      assert.equal((await clients.admin.get('/echo/')).status, 200);
    });

    it('applies an opening chosen in the admin form, and logs it in the audit', async (t) => {
      const form = await clients.admin.get('/admin/services');
      if (form.status !== 200 || !form.text.includes('action="/admin/services/echo"')) {
        t.skip('the /admin/services form does not exist yet');
        return;
      }
      const res = await clients.admin.submit('/admin/services', { opening: 'closed' }, '/admin/services/echo');
      assert.ok(res.status < 400, `the admin form answered ${res.status}`);
      assert.equal(server.core.openings.get('echo').opening, 'closed');
      assert.equal((await clients.anonymous.get('/echo/')).status, 403);
      assert.deepEqual(await tryWebSocket(server, clients.anonymous), { status: 403 });
      const logged = await server.core.db.selectFrom('audit_log').select(['actor_name', 'detail']).where('target', '=', 'echo').execute();
      assert.ok(logged.some((row) => row.actor_name === 'alice' && row.detail.includes('closed')), 'the opening change is in the audit log, by alice');
    });

    it('answers bad input with a clear message and the right status, never a 500', async () => {
      // A body over the configured limit (4 KiB here).
      const tooBig = await clients.anonymous.submit('/echo/', { message: 'x'.repeat(10_000) });
      assert.equal(tooBig.status, 413);
      assert.match(textOf(tooBig.text), /trop volumineux/);
      // A form without its field.
      const missing = await clients.anonymous.submit('/echo/', {});
      assert.equal(missing.status, 400);
      assert.match(textOf(missing.text), /Écrivez un message avant d’envoyer/);
      // A message over the module's own limit: refused, and kept in the field.
      const long = 'é'.repeat(ECHO_MAX + 1);
      const tooLong = await clients.anonymous.submit('/echo/', { message: long });
      assert.equal(tooLong.status, 400);
      assert.match(textOf(tooLong.text), /trop long/);
      assert.ok(tooLong.text.includes(`value="${long}"`), 'the message is kept');
      // Broken JSON, an unknown content type, a missing CSRF token.
      const json = await clients.anonymous.request('POST', '/echo/', { body: '{"message":', headers: { 'content-type': 'application/json' } });
      assert.equal(json.status, 400);
      const odd = await clients.anonymous.request('POST', '/echo/', { body: 'x', headers: { 'content-type': 'application/x-unknown' } });
      assert.equal(odd.status, 415);
      const forged = await clients.anonymous.post('/echo/', { message: 'sans jeton' });
      assert.equal(forged.status, 403);
      assert.match(textOf(forged.text), /formulaire a expiré/);
      const stored = await server.core.db.withTables<{ echo_messages: { body: string } }>().selectFrom('echo_messages').select('body').execute();
      assert.ok(stored.every((m) => m.body.length <= ECHO_MAX && m.body !== 'sans jeton'));
    });

    // Last: once a member charter is published, every member has to accept it.
    it('holds back a member who has not accepted the member charter in force, for pages and WebSocket', async () => {
      await setOpening({ opening: 'members', groups: [] });
      await publishCharter('member');
      const res = await clients.member.get('/echo/');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/charters/accept?next=%2Fecho%2F');
      assert.deepEqual(await tryWebSocket(server, clients.member), { status: 403 });
      await server.core.db.insertInto('charter_acceptances').values({ member_id: member.id, kind: 'member', version: 1, accepted_at: Date.now() }).execute();
      assert.equal((await clients.member.get('/echo/')).status, 200);
      assert.deepEqual(await tryWebSocket(server, clients.member), { echo: 'bonjour' });
    });
  });
}
