// "Near a town" in the directory (issue 11, item 9): the list sorted from a town of the offline gazetteer
// without JavaScript, towns of one name to choose from, "did you mean" links, the suggestions API with its
// limits, and the finder sending to the nearest working service.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../../src/federation/crawler/health.js';

interface TownJson { id: number; name: string; label: string; country: string; population: number; lat: number; lon: number }

for (const backend of backends()) {
  describe(`directory near a town (${backend})`, () => {
    let server: TestServer;
    let fed: FixtureFederation;
    let client: TestClient;
    before(async () => {
      fed = await startFixtureFederation();
      server = await startTestServer({ backend, config: { directory: { ...testDirectoryConfig, town_suggestions_per_minute: 12 } } });
      await crawlFederation(server.core.db, server.config, fed.url);
      await checkDirectoryHealth(server.core.db, server.config);
      client = new TestClient(server.url);
    });
    after(async () => {
      await server.close();
      await fed.close();
    });

    const names = (html: string) => [...html.matchAll(/<h3><a href="\/directory\/c\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

    it('sorts the chatons from a town no chaton names, whatever its case and accents', async () => {
      const rennes = await client.get('/directory?place=RENNES');
      assert.equal(rennes.status, 200);
      assert.deepEqual(names(rennes.text), ['Libre Quimper', 'Chaton Belge', 'Chaton des Alpes']);
      assert.match(textOf(rennes.text), /Les plus proches de Rennes \(35\), France d’abord/);
      assert.doesNotMatch(textOf(rennes.text), /Nous ne connaissons pas/);
      assert.match(textOf(rennes.text), /à \d+ km/);
      assert.deepEqual(names((await client.get('/directory?place=li%C3%A8ge')).text)[0], 'Chaton Belge');
      assert.deepEqual(names((await client.get('/directory?place=Geneve')).text)[0], 'Chaton des Alpes');
      const en = await client.get('/directory?place=douarnenez', { 'accept-language': 'en' });
      assert.match(textOf(en.text), /Nearest to Douarnenez \(29\), France first/);
      assert.match(en.text, /href="https:\/\/www\.geonames\.org\/"/, 'GeoNames is credited');
    });

    it('offers the other towns of one name, and sorts from the one chosen', async () => {
      const res = await client.get('/directory?place=saint-denis&country=FR');
      // The chosen country's Saint-Denis first, though the Réunion's is more populous.
      assert.match(textOf(res.text), /Les plus proches de Saint-Denis \(93\), France d’abord/);
      const link = /<a href="(\/directory\?[^"]*town=(\d+)[^"]*)">Saint-Denis, La Réunion<\/a>/.exec(res.text);
      assert.ok(link, 'a link to the Réunion’s Saint-Denis');
      const reunion = await client.get(link[1]!.replace(/&amp;/g, '&').replace('country=FR&', ''));
      assert.match(textOf(reunion.text), /Les plus proches de Saint-Denis, La Réunion d’abord/);
      assert.match(reunion.text, /name="town" id="f-town" value="\d+"/);
      const api = await client.get(`/api/directory?town=${link[2]}`);
      assert.equal(api.json<{ near: TownJson }>().near.country, 'RE');
    });

    it('answers an unknown place with "did you mean" links, without JavaScript', async () => {
      // No town is called "douarn", and no chaton's name or place contains it.
      const res = await client.get('/directory?place=douarn');
      assert.equal(res.status, 200);
      assert.match(textOf(res.text), /Nous ne connaissons pas « douarn »/);
      assert.match(textOf(res.text), /Vouliez-vous dire/);
      const link = /<a href="(\/directory\?place=Douarnenez&amp;town=\d+)">Douarnenez \(29\), France<\/a>/.exec(res.text);
      assert.ok(link, 'Douarnenez offered');
      const douarnenez = await client.get(link[1]!.replace(/&amp;/g, '&'));
      assert.equal(names(douarnenez.text)[0], 'Libre Quimper');
      assert.match(textOf(douarnenez.text), /Les plus proches de Douarnenez \(29\), France d’abord/);
      // A chaton's name still works where no town has it.
      assert.equal(names((await client.get('/directory?place=chaton%20belge')).text)[0], 'Chaton Belge');
      const nothing = await client.get('/directory?place=xqzw');
      assert.match(textOf(nothing.text), /Nous ne connaissons pas « xqzw » : les chatons sont rangés par nom/);
      assert.doesNotMatch(textOf(nothing.text), /Vouliez-vous dire/);
      assert.equal((await client.get('/directory?town=abc')).status, 200, 'a bad town id is ignored');
    });

    it('suggests towns as one types, a few, validated and rate limited', async () => {
      const res = await client.get('/api/directory/towns?q=quimp');
      assert.equal(res.status, 200);
      const towns = res.json<{ towns: TownJson[] }>().towns;
      assert.equal(towns[0]?.name, 'Quimper');
      assert.equal(towns[0]?.label, 'Quimper (29), France');
      assert.ok(towns.length > 1 && towns.length <= 8);
      const en = await client.get('/api/directory/towns?q=saint%20denis&limit=3', { 'accept-language': 'en' });
      assert.deepEqual(en.json<{ towns: TownJson[] }>().towns.map((t) => t.label).slice(0, 2), ['Saint-Denis, Réunion', 'Saint-Denis (93), France']);
      assert.equal(en.json<{ towns: TownJson[] }>().towns.length, 3);
      assert.equal((await client.get('/api/directory/towns?q=saint%20denis&country=be')).json<{ towns: TownJson[] }>().towns[0]?.country, 'BE');
      for (const bad of ['', '?q=', `?q=${'a'.repeat(101)}`, '?q=ab&limit=11', '?q=ab&limit=0', '?q=%00']) {
        const r = await client.get(`/api/directory/towns${bad}`);
        assert.equal(r.status, 400, bad);
      }
      let last = 200;
      for (let i = 0; i < 12 && last !== 429; i++) last = (await client.get('/api/directory/towns?q=ren')).status;
      assert.equal(last, 429, 'at most town_suggestions_per_minute a minute');
    });

    it('sends the finder’s visitors to the nearest working service of a town', async () => {
      for (let i = 0; i < 6; i++) {
        assert.equal((await client.get('/find/pad?place=douarnenez')).location, `${fed.base}/sites/quimper-pad/`);
        assert.equal((await client.get('/find/pad?place=Grenoble')).location, `${fed.base}/sites/alpes-pad/`);
      }
      const page = await client.get('/find?place=rennes');
      assert.match(textOf(page.text), /parmi les plus proches de Rennes \(35\), France/);
      const href = /<a href="(\/find\/pad\?[^"]+)">/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(href && /town=\d+/.test(href), href);
      assert.equal((await client.get(href)).location, `${fed.base}/sites/quimper-pad/`);
      assert.match(textOf((await client.get('/find?place=douarn')).text), /Vouliez-vous dire/);
    });
  });
}
