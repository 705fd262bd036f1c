// A service is described from its current opening, never from a fixed sentence: set Drop to members and
// the home card, the Drop page and service-drop.properties say members (not "Sans inscription"). And a
// card shows one status a visitor understands: a closed service is "Fermé", never also "En service".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { logIn, makeMember } from '../helpers/login.js';
import { checkAll } from '../../src/portal/services/health.js';
import { getValue, parseChatonsInfos } from '../../src/federation/chatonsinfos/index.js';

/** The card of a service on the home page (found by its link), as text. */
function cardText(html: string, href: string): string {
  const card = html.split('<li class="card').find((part) => part.split('</li>')[0]!.includes(href));
  assert.ok(card, `no card for ${href} on the home page`);
  return textOf('<li' + card.split('</li>')[0]);
}

const NO_ACCOUNT = /Sans inscription|sans compte|Pas besoin de compte|No signup|without an account|No account/i;

for (const backend of backends()) {
  describe(`service words follow the opening (${backend})`, () => {
    let server: TestServer;
    let member: TestClient;
    before(async () => {
      server = await startTestServer({ backend, config: { public_url: 'https://chaton.example.org' } });
      member = new TestClient(server.url);
      await logIn(member, await makeMember(server.core.db, 'bruno'));
      await checkAll(server.core);
    });
    after(() => server.close());

    it('Drop set to members: the home card, the Drop page and service-drop.properties say members', async () => {
      await server.core.openings.set('drop', { opening: 'members', groups: [] });
      const home = (await new TestClient(server.url).get('/')).text;
      const card = cardText(home, 'href="/drop/"');
      assert.match(card, /Réservé aux membres du chaton/);
      assert.doesNotMatch(card, NO_ACCOUNT);

      const page = await member.get('/drop/');
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Réservé aux membres du chaton/);
      assert.doesNotMatch(textOf(page.text).replace(/Charte d’utilisation sans compte/g, ''), /Sans inscription|Pas besoin de compte/);

      const file = await new TestClient(server.url).get('/.well-known/chatonsinfos/service-drop.properties');
      assert.equal(file.status, 200);
      const doc = parseChatonsInfos(file.text);
      assert.equal(getValue(doc, 'service.registration'), 'Member');
      const description = getValue(doc, 'service.description') ?? '';
      assert.match(description, /Réservé aux membres/);
      assert.doesNotMatch(description, NO_ACCOUNT);
    });

    it('the pad page says "no account needed" only while the pad is public', async () => {
      await server.core.openings.set('pad', { opening: 'public', groups: [] });
      assert.match(textOf((await new TestClient(server.url).get('/pad/')).text), /Sans inscription : ouvert à tout le monde/);
      await server.core.openings.set('pad', { opening: 'signup', groups: [] });
      const page = textOf((await member.get('/pad/')).text);
      assert.match(page, /l’inscription est libre/);
      assert.doesNotMatch(page, /Pas besoin de compte|Sans inscription/);
      await server.core.openings.set('pad', { opening: 'members', groups: ['asso-breizh'] });
      assert.match(cardText((await new TestClient(server.url).get('/')).text, 'href="/pad/"'), /certains groupes de membres/);
    });

    it('the paste page follows its opening, in English too', async () => {
      await server.core.openings.set('paste', { opening: 'signup', groups: [] });
      const page = textOf((await member.get('/paste/', { 'accept-language': 'en' })).text);
      assert.match(page, /anyone can sign up/);
      assert.doesNotMatch(page, /No signup|No account/);
    });

    it('a closed service shows one status, "Fermé", and an open one its health', async () => {
      await server.core.openings.set('paste', { opening: 'closed', groups: [] });
      await server.core.openings.set('drop', { opening: 'public', groups: [] });
      const home = (await new TestClient(server.url).get('/')).text;
      const closed = cardText(home, 'Bloc-notes chiffré');
      assert.match(closed, /Fermé/);
      assert.doesNotMatch(closed, /En service|En panne|État inconnu|Pas encore vérifié/);
      const open = cardText(home, 'href="/drop/"');
      assert.match(open, /En service/);
      assert.doesNotMatch(open, /Fermé/);
    });
  });
}
