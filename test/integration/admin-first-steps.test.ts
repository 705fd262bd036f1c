// The dashboard's first-steps checklist, ticked from the real state: a fresh install shows what is left
// to do, and each item is ticked once done (charters published, services checked, public_url right,
// ChatonsInfos files without errors).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { loggedInClient } from '../helpers/login.js';
import { mailConfigured } from '../../src/mail/configured.js';

for (const backend of backends()) {
  describe(`admin: first steps on the dashboard (${backend})`, () => {
    let server: TestServer;
    let admin: TestClient;
    /** The checklist item's text, e.g. "○ À faire Chartes : …". */
    const step = async (id: string, client = admin): Promise<string> => {
      const html = (await client.get('/admin')).text;
      const m = new RegExp(`<li id="step-${id}"[^>]*>([\\s\\S]*?)</li>`).exec(html);
      assert.ok(m?.[1], `no step ${id}`);
      return textOf(m[1]);
    };

    before(async () => {
      server = await startTestServer({ backend });
      ({ client: admin } = await loggedInClient(server, 'admin'));
    });
    after(() => server.close());

    it('shows a fresh install what is left to do, in an accessible list with words, not colour only', async () => {
      const html = (await admin.get('/admin')).text;
      assert.match(html, /<section class="first-steps" aria-labelledby="first-steps-title">\s*<h2 id="first-steps-title">Premiers pas<\/h2>/);
      assert.match(html, /<ul class="checklist">/);
      assert.match(await step('charters'), /^○ À faire Chartes : pas encore publiées : « Charte d’utilisation sans compte », « Charte des membres »\./);
      assert.match(html, /<li id="step-charters"[^>]*>[\s\S]*?<a href="\/admin\/charters\?kind=anonymous">Publier les chartes<\/a>/);
      assert.match(await step('address'), /^○ À faire Adresse publique : public_url n’est pas réglée dans chaton\.toml/);
      assert.match(await step('mail'), /^○ Facultatif Courrier électronique : pas configuré\./);
      assert.match(await step('chatonsinfos'), /^✓ Fait Fiches ChatonsInfos : \d+ fiches publiées, sans erreur\./);
      assert.match(textOf(html), /Premiers pas \d sur 4 faits\./);
      admin.cookies.set('chaton_lang', 'en');
      assert.match(await step('charters'), /^○ To do Charters\s?: neither is published yet: “Charter for use without an account”, “Members’ charter”\./);
      admin.cookies.delete('chaton_lang');
    });

    it('ticks the charters once both are published, naming the one still missing before', async () => {
      const publish = (kind: string) => admin.submit(`/admin/charters?kind=${kind}`, { kind, body: '## Règles\n\nSoyez courtois.', summary: 'Première version.', action: 'publish' }, '/admin/charters');
      assert.equal((await publish('member')).status, 303);
      const one = await step('charters');
      assert.match(one, /^○ À faire Chartes : pas encore publiée : « Charte d’utilisation sans compte »\./);
      assert.doesNotMatch(one, /Charte des membres/);
      assert.equal((await publish('anonymous')).status, 303);
      assert.match(await step('charters'), /^✓ Fait Chartes : les deux chartes sont publiées\./);
    });

    it('ticks the services once every one has a recent health check', async () => {
      await server.core.db.deleteFrom('service_status').execute();
      const stale = await step('services');
      assert.match(stale, /^○ À faire État des services : \d+ services non vérifiés depuis 15 minutes : .*« Pad »/);
      await admin.submit('/admin/services', {}, '/admin/services/check');
      assert.match(await step('services'), /^✓ Fait État des services : \d+ services vérifiés depuis moins de 15 minutes\./);
      // A check older than the freshness window does not count.
      await server.core.db.updateTable('service_status').set({ checked_at: Date.now() - 16 * 60_000 }).execute();
      assert.match(await step('services'), /^○ À faire/);
    });

    it('ticks the public address when public_url is set and this page was opened through it', async () => {
      server.config.public_url = 'https://chaton.example.org';
      try {
        assert.match(await step('address'), /^○ À faire Adresse publique : cette page a été ouverte par une autre adresse que public_url \(https:\/\/chaton\.example\.org\)/);
        server.config.public_url = server.url;
        assert.match(await step('address'), new RegExp(`^✓ Fait Adresse publique : public_url vaut ${server.url.replace(/[.]/g, '\\.')}, et cette page a été ouverte par cette adresse\\.`));
      } finally {
        delete server.config.public_url;
      }
    });

    it('unticks the ChatonsInfos files when the validator finds an error in one', async () => {
      server.config.chaton.startdate = '2021-31-12';
      try {
        const text = await step('chatonsinfos');
        assert.match(text, /^○ À faire Fiches ChatonsInfos : 1 fiche a des erreurs : « organization\.properties »\./);
        assert.match((await admin.get('/admin')).text, /<a href="\/admin\/chatonsinfos">Voir les fiches et les erreurs<\/a>/);
      } finally {
        server.config.chaton.startdate = '';
      }
    });

    it('reads e-mail as configured only when chaton.toml has a [mail] section', () => {
      assert.equal(mailConfigured(server.config), false);
      assert.equal(mailConfigured({ ...server.config, mail: { host: 'smtp.example.org' } } as typeof server.config), true);
    });
  });
}
