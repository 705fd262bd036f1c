import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { loggedInClient } from '../helpers/login.js';

for (const backend of backends()) {
  describe(`admin: services, openings and audit log (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        backend,
        config: {
          services: {
            external: [
              { id: 'cloud', kind: 'nextcloud', name: 'Nextcloud', url: 'https://cloud.example.org', opening: 'members' },
              { id: 'vpn', kind: 'vpn', name: 'VPN', url: 'https://vpn.example.org', opening: 'members' },
              // Nothing listens on port 9 of the loopback: its check fails at once.
              { id: 'mail', kind: 'webmail', name: 'Webmail', url: 'https://mail.example.org', health_url: 'http://127.0.0.1:9/health' },
            ],
          },
        },
      });
    });
    after(() => server.close());

    it('sends anonymous visitors to the login page and refuses members', async () => {
      const anon = await new TestClient(server.url).get('/admin/services');
      assert.equal(anon.status, 303);
      assert.match(anon.location ?? '', /^\/login\?next=%2Fadmin%2Fservices/);
      const { client } = await loggedInClient(server, 'member');
      const res = await client.get('/admin/services');
      assert.equal(res.status, 403);
      assert.match(textOf(res.text), /réservée aux administrateurs/);
      const post = await client.post('/admin/services/cloud', { opening: 'public' });
      assert.equal(post.status, 403);
      assert.equal(server.core.openings.get('cloud').opening, 'members');
    });

    it('lets an admin change an opening: the home page shows it and the audit log records it', async () => {
      const { client, username } = await loggedInClient(server, 'admin');
      const page = await client.get('/admin/services');
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Nextcloud.*VPN/);
      const res = await client.submit('/admin/services', { opening: 'public' }, '/admin/services/cloud');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/admin/services?saved=cloud');
      assert.match(textOf((await client.get(res.location)).text), /Ouverture de « Nextcloud » enregistrée/);

      const home = textOf((await new TestClient(server.url).get('/')).text);
      assert.match(home, /Nextcloud .*Sans inscription/);

      const audit = textOf((await client.get('/admin/audit')).text);
      assert.match(audit, new RegExp(`${username} a changé l’ouverture de « Nextcloud » : « Membres » → « Sans inscription »\\.`));
      assert.doesNotMatch(audit, /service\.opening|"from"/, 'no action name nor raw JSON on the page');
      client.cookies.set('chaton_lang', 'en');
      const english = textOf((await client.get('/admin/audit')).text);
      client.cookies.delete('chaton_lang');
      assert.match(english, new RegExp(`${username} changed the opening of “Nextcloud”: “Members” → “No signup”\\.`));

      // The raw entries stay available to admins, as JSON and CSV downloads.
      const json = await client.get('/admin/audit.json');
      assert.equal(json.status, 200);
      assert.match(json.headers.get('content-disposition') ?? '', /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.json"$/);
      const rows = JSON.parse(json.text) as { actor: string; action: string; target: string; detail: Record<string, unknown> }[];
      const row = rows.find((r) => r.action === 'service.opening' && r.target === 'cloud');
      assert.deepEqual(row && { actor: row.actor, detail: row.detail }, { actor: username, detail: { from: 'members', to: 'public', groups: [] } });
      const csv = await client.get('/admin/audit.csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = csv.text.split('\r\n');
      assert.equal(lines[0], 'id,at,actor,action,target,detail,sentence');
      assert.ok(lines.some((l) => l.includes(`,${username},service.opening,cloud,"{""from"":""members"",""to"":""public"",""groups"":[]}",`)), csv.text);
      const refused = await (await loggedInClient(server, 'member')).client.get('/admin/audit.json');
      assert.equal(refused.status, 403);
    });

    it('limits a members-only service to chosen groups, and ignores groups for other openings', async () => {
      const { client } = await loggedInClient(server, 'admin');
      const now = Date.now();
      await server.core.db.insertInto('groups').values({ id: 'assos', name: 'Associations', description: '', created_at: now }).execute();
      await client.submit('/admin/services', { opening: 'members', groups: ['assos'] }, '/admin/services/vpn');
      assert.deepEqual(server.core.openings.get('vpn'), { opening: 'members', groups: ['assos'] });
      const refused = await client.submit('/admin/groups/assos', { confirm: 'yes' }, '/admin/groups/assos/delete');
      assert.equal(refused.status, 409, 'a group that limits a service is not deleted');
      assert.match(textOf(refused.text), /limite l’accès à : VPN/);
      assert.ok(await server.core.db.selectFrom('groups').select('id').where('id', '=', 'assos').executeTakeFirst());
      await client.submit('/admin/services', { opening: 'closed', groups: ['assos'] }, '/admin/services/vpn');
      assert.deepEqual(server.core.openings.get('vpn'), { opening: 'closed', groups: [] });
      const deleted = await client.submit('/admin/groups/assos', { confirm: 'yes' }, '/admin/groups/assos/delete');
      assert.equal(deleted.status, 303);
    });

    it('shows what each built-in service holds as a count in the language of the reader (0 pad, 0 pads)', async () => {
      const { client } = await loggedInClient(server, 'admin');
      const checked = await client.submit('/admin/services', {}, '/admin/services/check');
      assert.ok(checked.status < 400, String(checked.status));
      const french = textOf((await client.get('/admin/services')).text);
      assert.match(french, /\b0 pad(?!s)/);
      assert.match(french, /\b0 texte(?!s)/);
      assert.match(french, /\b0 partage(?!s)/);
      client.cookies.set('chaton_lang', 'en');
      const english = textOf((await client.get('/admin/services')).text);
      client.cookies.delete('chaton_lang');
      assert.match(english, /\b0 pads\b/);
      assert.match(english, /\b0 pastes\b/);
      assert.match(english, /\b0 shares\b/);
    });

    it('says after "check now" how many services were checked, when, and how many are up or down', async () => {
      const { client } = await loggedInClient(server, 'admin');
      const before = textOf((await client.get('/admin/services')).text);
      assert.doesNotMatch(before, /services vérifiés/);
      const checked = await client.submit('/admin/services', {}, '/admin/services/check');
      assert.equal(checked.status, 303);
      assert.match(checked.location ?? '', /^\/admin\/services\?checked=\d+$/);
      const modules = server.core.services.all().filter((s) => s.source === 'builtin').length;
      const at = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' }).format(new Date(Number(new URL(checked.location!, server.url).searchParams.get('checked'))));
      const french = textOf((await client.get(checked.location!)).text);
      // The built-in modules are up, the webmail's health address does not answer, cloud and VPN have none.
      assert.match(french, new RegExp(`${modules + 3} services vérifiés à ${at} : ${modules} en service, 1 en panne, 2 sans état connu\\.`));
      client.cookies.set('chaton_lang', 'en');
      const english = textOf((await client.get(checked.location!)).text);
      client.cookies.delete('chaton_lang');
      assert.match(english, new RegExp(`Checked ${modules + 3} services at ${at}: ${modules} up, 1 down, 2 unknown\\.`));
      const bad = await client.get('/admin/services?checked=soon');
      assert.equal(bad.status, 400);
    });

    it('answers bad input with a clear message, never a 500', async () => {
      const { client } = await loggedInClient(server, 'admin');
      const bad = await client.submit('/admin/services', { opening: 'everyone' }, '/admin/services/cloud');
      assert.equal(bad.status, 400);
      assert.match(textOf(bad.text), /Choisissez une ouverture/);
      const badGroup = await client.submit('/admin/services', { opening: 'members', groups: 'nope' }, '/admin/services/cloud');
      assert.equal(badGroup.status, 400);
      const unknown = await client.submit('/admin/services', { opening: 'public' }, '/admin/services/nothing');
      assert.equal(unknown.status, 404);
      const noToken = await client.post('/admin/services/cloud', { opening: 'public' });
      assert.equal(noToken.status, 403);
      assert.match(textOf(noToken.text), /formulaire a expiré/);
    });
  });
}
