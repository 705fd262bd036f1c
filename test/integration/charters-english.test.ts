// Charters in French and English: each version has a French text and may have an English one; readers see
// their language, or the French with a note when the version is not translated; the diff compares the
// language shown.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { loggedInClient } from '../helpers/login.js';

const FR1 = '## Nos engagements\n\nNous gardons vos données 30 jours.';
const FR2 = '## Nos engagements\n\nNous gardons vos données 60 jours.';
const EN2 = '## Our commitments\n\nWe keep your data for 60 days.';
const FR3 = '## Nos engagements\n\nNous gardons vos données 90 jours.';
const EN3 = '## Our commitments\n\nWe keep your data for 90 days.';

for (const backend of backends()) {
  describe(`charters in French and English (${backend})`, () => {
    let server: TestServer;
    let admin: TestClient;
    const reader = (lang: 'fr' | 'en') => {
      const client = new TestClient(server.url);
      client.cookies.set('chaton_lang', lang);
      return client;
    };
    const publish = (fields: Record<string, string>) => admin.submit('/admin/charters?kind=member', { kind: 'member', action: 'publish', ...fields }, '/admin/charters');

    before(async () => {
      server = await startTestServer({ backend });
      ({ client: admin } = await loggedInClient(server, 'admin'));
    });
    after(() => server.close());

    it('shows a version stored before translations (French only) to English readers in French, with a note', async () => {
      // As a version published before this change: the English columns are left out, as the migration leaves them.
      await server.core.db.insertInto('charters').values({ kind: 'anonymous', version: 1, body_md: '## Règles\n\nSoyez courtois.', summary: 'première version', published_at: Date.now(), published_by: 'test' }).execute();
      const en = await reader('en').get('/charters/anonymous');
      assert.equal(en.status, 200);
      assert.match(textOf(en.text), /This version has no English text yet: here is the French text\..*Soyez courtois/);
      assert.match(en.text, /<div class="charter" lang="fr">/);
      const fr = await reader('fr').get('/charters/anonymous');
      assert.doesNotMatch(textOf(fr.text), /anglais/);
      assert.match(fr.text, /<div class="charter">/);
    });

    it('offers both texts on the admin form, and refuses an English summary without an English text', async () => {
      const form = await admin.get('/admin/charters?kind=member');
      assert.match(form.text, /<label for="charter-body-en">/);
      assert.match(form.text, /<textarea id="charter-body-en" name="body_en" lang="en"/);
      const bad = await publish({ body: FR1, summary: 'Première version.', summary_en: 'First version.' });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.text), /un résumé en anglais mais pas de texte en anglais/);
      assert.match(bad.text, /value="First version\."/, 'what was typed is kept');
      const preview = await publish({ body: FR2, summary: 'x', body_en: EN2, action: 'preview' });
      assert.match(textOf(preview.text), /En français.*60 jours.*En anglais.*60 days/);
    });

    it('shows each reader their language, the French with a note when a version has no English', async () => {
      assert.equal((await publish({ body: FR1, summary: 'Première version.' })).status, 303);
      assert.match(textOf((await reader('en').get('/charters/member')).text), /no English text yet.*30 jours/);
      const second = await publish({ body: FR2, summary: 'Soixante jours.', body_en: EN2, summary_en: 'Sixty days.' });
      assert.equal(second.status, 303);
      const en = textOf((await reader('en').get('/charters/member')).text);
      assert.match(en, /Sixty days\..*We keep your data for 60 days/);
      assert.doesNotMatch(en, /no English text|60 jours/);
      const fr = textOf((await reader('fr').get('/charters/member')).text);
      assert.match(fr, /Soixante jours\..*Nous gardons vos données 60 jours/);
      assert.doesNotMatch(fr, /60 days/);
      assert.match(textOf((await reader('en').get('/charters/member/versions')).text), /Sixty days\..*Première version\./);
      // The form of the next version starts from both texts in force.
      const form = await admin.get('/admin/charters?kind=member');
      assert.match(form.text, /We keep your data for 60 days\.<\/textarea>/);
      // Changing only the English text is a new version.
      assert.equal((await publish({ body: FR2, summary: 'Traduction revue.', body_en: EN2 + ' Really.' })).status, 303);
      assert.equal((await publish({ body: FR3, summary: 'Quatre-vingt-dix jours.', body_en: EN3, summary_en: 'Ninety days.' })).status, 303);
    });

    it('compares the language shown, and the French when one version has no English', async () => {
      const en = await reader('en').get('/charters/member/diff?from=2&to=4');
      assert.match(en.text, /<del>60<\/del><ins>90<\/ins> days/);
      assert.doesNotMatch(textOf(en.text), /comparison is made on the French/);
      const fr = await reader('fr').get('/charters/member/diff?from=2&to=4');
      assert.match(fr.text, /<del>60<\/del><ins>90<\/ins> jours/);
      const mixed = await reader('en').get('/charters/member/diff?from=1&to=2');
      assert.match(mixed.text, /<del>30<\/del><ins>60<\/ins> jours/);
      assert.match(textOf(mixed.text), /One of the two versions has no English text: the comparison is made on the French text\./);
      assert.match(mixed.text, /<div class="diff" role="region"[^>]*lang="fr"/);
    });

    it('asks a member to accept the charter in their language', async () => {
      const { client } = await loggedInClient(server, 'member');
      client.cookies.set('chaton_lang', 'en');
      const page = await client.get('/charters/accept?next=/');
      assert.equal(page.status, 200);
      const text = textOf(page.text);
      assert.match(text, /We keep your data for 90 days/);
      assert.doesNotMatch(text, /90 jours/);
    });
  });
}
