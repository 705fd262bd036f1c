// Charters end to end: an admin publishes versions, everyone reads them, their versions and their
// differences; members accept the member charter at login and before using a members' service; admins
// see who accepted what.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, csrfToken, textOf } from '../helpers/client.js';
import { createMember } from '../../src/portal/accounts/members.js';
import type { ServiceModule } from '../../src/modules/contract.js';
import { pendingMemberCharter } from '../../src/portal/charters/store.js';

const PASSWORD = 'un mot de passe assez long';

// Two tiny services behind the gate: one for members, one open to everyone.
const page = (title: string): FastifyPluginAsync =>
  async (app) => {
    app.get('/', async (request, reply) => {
      if (request.headers.accept?.includes('application/json')) return { ok: true };
      return reply.page({ title }, () => h('p', null, `${title} ouvert`));
    });
  };
const serviceModule = (id: string, opening: 'members' | 'public'): ServiceModule => ({
  id,
  kind: id,
  software: { name: id, version: '1', license: 'AGPL-3.0-or-later', sourceUrl: 'https://example.org' },
  defaultOpening: opening,
  name: { fr: id, en: id },
  description: { fr: id, en: id },
  routes: page(id),
});

const V1 = '## Nos engagements\n\nNous gardons vos données 30 jours, puis nous les effaçons.\n\n- Logiciels libres';
const V2 = '## Nos engagements\n\nNous gardons vos données 60 jours, puis nous les effaçons.\n\n- Logiciels libres';

for (const backend of backends()) {
  describe(`charters (${backend})`, () => {
    let server: TestServer;
    let admin: TestClient;
    const anonymous = () => new TestClient(server.url);

    /** Logs in through the real /login form; returns the redirect it answers with. */
    async function logIn(username: string, next?: string): Promise<{ client: TestClient; location: string }> {
      const client = new TestClient(server.url);
      const res = await client.submit(next ? `/login?next=${encodeURIComponent(next)}` : '/login', { username, password: PASSWORD, ...(next ? { next } : {}) }, '/login');
      assert.equal(res.status, 303, `login of ${username}`);
      return { client, location: res.location ?? '' };
    }

    function publish(kind: string, body: string, summary: string, action = 'publish') {
      return admin.submit(`/admin/charters?kind=${kind}`, { kind, body, summary, action }, '/admin/charters');
    }

    before(async () => {
      server = await startTestServer({
        backend,
        config: { chaton: { name: 'Chaton de Quimper' }, limits: { auth_attempts: 1000 } },
        modules: [serviceModule('club', 'members'), serviceModule('libre', 'public')],
      });
      const db = server.core.db;
      await createMember(db, { username: 'alice', password: PASSWORD, role: 'admin' });
      await createMember(db, { username: 'bruno', password: PASSWORD, role: 'member' });
      await createMember(db, { username: 'chloe', password: PASSWORD, role: 'member', displayName: 'Chloé' });
      ({ client: admin } = await logIn('alice'));
    });
    after(() => server.close());

    it('says plainly when a charter is not published yet, and shows no anonymous-use notice', async () => {
      const res = await anonymous().get('/charters/member');
      assert.equal(res.status, 200);
      assert.match(textOf(res.text), /Charte des membres.*pas encore publiée/);
      assert.match(textOf((await anonymous().get('/charters')).text), /Charte d’utilisation sans compte.*Charte des membres/);
      const libre = await anonymous().get('/libre/');
      assert.equal(libre.status, 200);
      assert.doesNotMatch(libre.text, /class="notice"/);
    });

    it('keeps the admin pages for admins: visitors go to the login page, members get a 403', async () => {
      for (const path of ['/admin/charters', '/admin/charters/acceptances']) {
        const res = await anonymous().get(path);
        assert.equal(res.status, 303);
        assert.equal(res.location, `/login?next=${encodeURIComponent(path)}`);
      }
      const { client: bruno } = await logIn('bruno');
      assert.equal((await bruno.get('/admin/charters')).status, 403);
      assert.equal((await bruno.get('/admin/charters/acceptances')).status, 403);
      const token = csrfToken((await bruno.get('/')).text)!;
      const res = await bruno.post('/admin/charters', { _csrf: token, kind: 'member', body: 'Piraté', summary: 'x' });
      assert.equal(res.status, 403);
      assert.equal((await anonymous().get('/charters/member/versions')).text.includes('Piraté'), false);
    });

    it('offers a starter text, and previews without publishing', async () => {
      const form = await admin.get('/admin/charters?kind=member');
      assert.equal(form.status, 200);
      assert.match(form.text, /<textarea[^>]*name="body"[^>]*>[^<]*Logiciels libres uniquement/);
      assert.match(form.text, /name="action" value="preview"/);
      assert.match(textOf(form.text), /Chaton de Quimper est un collectif/);
      const preview = await publish('member', V1, 'Première version.', 'preview');
      assert.equal(preview.status, 200);
      assert.match(preview.text, /<h3>En français<\/h3>\s*<div class="charter">\s*<h4>Nos engagements<\/h4>/);
      assert.match(preview.text, /<textarea[^>]*>[^<]*30 jours/);
      assert.match(textOf((await anonymous().get('/charters/member')).text), /pas encore publiée/);
    });

    it('refuses an empty summary or an unchanged text, keeping what was typed', async () => {
      const res = await publish('member', V1, '  ');
      assert.equal(res.status, 422);
      assert.match(textOf(res.text), /Écrivez un résumé des changements/);
      assert.match(res.text, /30 jours/);
      const bad = await admin.submit('/admin/charters', { kind: 'nope', body: V1, summary: 'x' });
      assert.equal(bad.status, 400);
    });

    it('refuses a text nesting too deeply (it used to overflow the stack), and previews it without a 500', async () => {
      for (const body of ['>'.repeat(5000) + ' fond', '- '.repeat(2000) + 'fond', '*'.repeat(3000) + 'fond' + '*'.repeat(3000)]) {
        const res = await publish('member', body, 'Trop profond');
        assert.equal(res.status, 422);
        assert.match(textOf(res.text), /Le texte de la charte imbrique trop de citations ou de listes \(ou de styles\) : 100 niveaux au plus/);
        const preview = await publish('member', body, 'Trop profond', 'preview');
        assert.equal(preview.status, 200);
        assert.match(textOf(preview.text), /fond/);
      }
      assert.match(textOf((await anonymous().get('/charters/member')).text), /pas encore publiée/);
    });

    it('publishes versions 1 and 2, shown to everyone with their versions and differences', async () => {
      const first = await publish('member', V1, 'Première version.');
      assert.equal(first.status, 303);
      assert.equal(first.location, '/admin/charters?kind=member&published=1');
      assert.match(textOf((await admin.get(first.location)).text), /la version 1 est publiée/);
      assert.equal((await publish('member', V1, 'Rien de neuf')).status, 422);
      const second = await publish('member', V2, 'Les données sont gardées 60 jours au lieu de 30.');
      assert.equal(second.location, '/admin/charters?kind=member&published=2');
      // A form written from version 1 does not silently replace version 2.
      const stale = await admin.submit('/admin/charters?kind=member', { kind: 'member', body: V1 + ' encore', summary: 'Vieux formulaire', base: '1' }, '/admin/charters');
      assert.equal(stale.status, 409);
      assert.match(textOf(stale.text), /Quelqu’un vient de publier une autre version/);
      assert.match(stale.text, /- Logiciels libres encore<\/textarea>/);

      const current = await anonymous().get('/charters/member');
      assert.equal(current.status, 200);
      const text = textOf(current.text);
      assert.match(text, /Version 2, publiée le/);
      assert.match(text, /Les données sont gardées 60 jours au lieu de 30/);
      assert.match(current.text, /<div class="charter">\s*<h2>Nos engagements<\/h2>/);
      assert.match(current.text, /href="\/charters\/member\/diff\?from=1&amp;to=2"/);

      const versions = await anonymous().get('/charters/member/versions');
      assert.match(textOf(versions.text), /2 .*Les données sont gardées 60 jours.*1 .*Première version/);
      assert.match(versions.text, /href="\/charters\/member\/v\/1"/);

      const v1 = await anonymous().get('/charters/member/v/1');
      assert.equal(v1.status, 200);
      assert.match(textOf(v1.text), /version 1.*remplacée par la version 2.*30 jours/);

      for (const path of ['/charters/member/diff?from=1&to=2', '/charters/member/diff']) {
        const diff = await anonymous().get(path);
        assert.equal(diff.status, 200);
        assert.match(diff.text, /<div class="diff"[^>]*>[\s\S]*<del>30<\/del><ins>60<\/ins> jours/);
        assert.match(diff.text, /<select id="diff-from" name="from">/);
        assert.match(diff.text, /<label for="diff-to">/);
      }
      const backwards = await anonymous().get('/charters/member/diff?from=2&to=1');
      assert.match(backwards.text, /<del>60<\/del><ins>30<\/ins>/);

      const log = await server.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'charter.publish').orderBy('id').execute();
      assert.deepEqual(log.map((r) => [r.actor_name, r.target, JSON.parse(r.detail).version]), [['alice', 'member', 1], ['alice', 'member', 2]]);
    });

    it('sanitizes what a charter may hold, and then shows the anonymous-use notice', async () => {
      const res = await publish('anonymous', '# Sans compte\n\nBonjour <script>alert(1)</script>\n\n<img src="/x.png" onerror="alert(2)"> [lien](javascript:alert(3))', 'Première version.');
      assert.equal(res.status, 303);
      const page = await anonymous().get('/charters/anonymous');
      assert.match(page.text, /<h2>Sans compte<\/h2>/);
      assert.doesNotMatch(page.text, /<script>alert|onerror|javascript:/);
      const libre = await anonymous().get('/libre/');
      assert.match(libre.text, /class="notice"/);
      assert.match(libre.text, /href="\/charters\/anonymous"/);
    });

    it('answers unknown charters and versions with 404 and bad comparisons with 400', async () => {
      const client = new TestClient(server.url, { 'accept-language': 'en' });
      const cases: [string, number, RegExp][] = [
        ['/charters/nope', 404, /This charter does not exist/],
        ['/charters/nope/versions', 404, /This charter does not exist/],
        ['/charters/member/v/99', 404, /This version of the charter does not exist/],
        ['/charters/member/v/abc', 404, /does not exist/],
        ['/charters/member/v/0', 404, /does not exist/],
        ['/charters/member/diff?from=abc&to=2', 400, /must be version numbers/],
        ['/charters/member/diff?from=-1&to=2', 400, /must be version numbers/],
        ['/charters/member/diff?from=1&to=1.5', 400, /must be version numbers/],
        ['/charters/member/diff?from=1&to=9', 404, /This version of the charter does not exist/],
        ['/charters/member/diff?from=1&to=2&to=1', 400, /must be version numbers/],
      ];
      for (const [path, status, message] of cases) {
        const res = await client.get(path);
        assert.equal(res.status, status, path);
        assert.match(textOf(res.text), message, path);
      }
    });

    it('asks a member who accepted v1 to accept v2 at login, then records it for the admins', async () => {
      const db = server.core.db;
      // Chloé accepted version 1 back then.
      const chloeId = (await db.selectFrom('members').select('id').where('username', '=', 'chloe').executeTakeFirstOrThrow()).id;
      await db.insertInto('charter_acceptances').values({ member_id: chloeId, kind: 'member', version: 1, accepted_at: Date.now() - 86_400_000 }).execute();

      const { client: chloe, location } = await logIn('chloe', '/club/');
      assert.equal(location, `/charters/accept?next=${encodeURIComponent('/club/')}`);
      const accept = await chloe.get(location);
      assert.equal(accept.status, 200);
      const text = textOf(accept.text);
      assert.match(text, /depuis la version 1, que vous aviez acceptée/);
      assert.match(text, /Version 2 : Les données sont gardées 60 jours au lieu de 30/);
      assert.match(accept.text, /href="\/charters\/member\/diff\?from=1&amp;to=2"/);
      assert.match(accept.text, /<input type="checkbox" id="accept-charter" name="accept" value="yes" required/);
      assert.match(accept.text, /<label class="check" for="accept-charter">/);
      assert.match(accept.text, /href="\/account"/);

      // The box must be ticked, and the token is required.
      const unticked = await chloe.submit(location, { version: '2', next: '/club/' }, '/charters/accept');
      assert.equal(unticked.status, 422);
      assert.match(textOf(unticked.text), /Cochez la case/);
      const forged = await chloe.post('/charters/accept', { version: '2', accept: 'yes', next: '/club/' });
      assert.equal(forged.status, 403);
      assert.ok(await pendingMemberCharter(db, chloeId));

      const done = await chloe.submit(location, { version: '2', accept: 'yes', next: '/club/' }, '/charters/accept');
      assert.equal(done.status, 303);
      assert.equal(done.location, '/club/');
      assert.equal(await pendingMemberCharter(db, chloeId), null);
      assert.equal((await chloe.get('/club/')).status, 200);
      // Nothing left to accept: the page sends her on.
      assert.equal((await chloe.get('/charters/accept?next=/club/')).location, '/club/');

      const page = await admin.get('/admin/charters/acceptances');
      assert.equal(page.status, 200);
      const history = textOf(page.text.slice(page.text.indexOf('id="history"')));
      assert.match(history, /Chloé \(chloe\) Charte des membres 2 /);
      assert.match(history, /Chloé \(chloe\) Charte des membres 1 /);
      const pending = textOf(page.text.slice(page.text.indexOf('id="pending"'), page.text.indexOf('id="done"')));
      assert.match(pending, /bruno/);
      assert.doesNotMatch(pending, /chloe/);
      const done2 = textOf(page.text.slice(page.text.indexOf('id="done"'), page.text.indexOf('id="history"')));
      assert.match(done2, /Chloé \(chloe\) 2/);
    });

    it('holds a member with a pending charter at the door of a members’ service', async () => {
      const { client: bruno, location } = await logIn('bruno');
      assert.match(location, /^\/charters\/accept\?next=/);
      const held = await bruno.get('/club/');
      assert.equal(held.status, 303);
      assert.equal(held.location, `/charters/accept?next=${encodeURIComponent('/club/')}`);
      const api = await bruno.get('/club/', { accept: 'application/json' });
      assert.equal(api.status, 403);
      assert.equal(api.json<{ error: string }>().error, 'charter-pending');
      // A public service stays open to him.
      assert.equal((await bruno.get('/libre/')).status, 200);

      const accepted = await bruno.submit(held.location!, { version: '2', accept: 'yes', next: '/club/' }, '/charters/accept');
      assert.equal(accepted.location, '/club/');
      assert.equal((await bruno.get('/club/')).status, 200);
      // A next that leaves the site is refused.
      const third = await bruno.submit('/charters', { version: '2', accept: 'yes', next: '//evil.example/' }, '/charters/accept');
      assert.equal(third.location, '/');
    });

    it('asks for the newer version when one was published while the member was reading', async () => {
      const { client: bruno } = await logIn('bruno');
      const reading = await bruno.get('/charters');
      assert.equal((await publish('member', V2 + '\n- Chiffrement', 'Ajout du chiffrement.')).status, 303);
      const res = await bruno.post('/charters/accept', { _csrf: csrfToken(reading.text)!, version: '2', accept: 'yes', next: '/' });
      assert.equal(res.status, 409);
      assert.match(textOf(res.text), /nouvelle version de la charte vient d’être publiée/);
      assert.match(res.text, /name="version" value="3"/);
    });
  });
}
