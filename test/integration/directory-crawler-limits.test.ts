// Issue 10, E16 and E17: a crawl is bounded per organization (files, bytes) and in time, and only
// files that pass the validator enter the public directory; what is cut or refused keeps its last
// good data and is shown, translated, on the chaton's page and in the crawl report.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../../src/federation/crawler/health.js';
import type { Config } from '../../src/config/schema.js';

const header = (cls: string) => `file.class = ${cls}\nfile.protocol = ChatonsInfos-0.5\nfile.datetime = 2026-11-01T10:00:00\nfile.generator = fixture\nfile.url = https://example.org/x.properties\n`;

for (const backend of backends()) {
  describe(`directory crawler limits (${backend})`, () => {
    let server: TestServer;
    let fed: FixtureFederation;
    let client: TestClient;
    let federationText = '';
    before(async () => {
      fed = await startFixtureFederation();
      server = await startTestServer({ backend, config: { directory: { ...testDirectoryConfig, enabled: true } } });
      client = new TestClient(server.url);
      federationText = await (await fetch(fed.url)).text();
    });
    after(async () => {
      await server.close();
      await fed.close();
    });

    // An organization file listing 3,000 services is about 200 KB.
    const crawl = (directory: Partial<Config['directory']> = {}) =>
      crawlFederation(server.core.db, { ...server.config, directory: { ...server.config.directory, max_file_bytes: 1024 * 1024, ...directory } }, fed.url);
    /** Lists `ids` (organization files under /orgs/ or /hoard/) before the federation's usual organizations. */
    const listFirst = (subs: string[]) => fed.set('/federation.properties', federationText.replace(/^subs\./m, `${subs.join('\n')}\nsubs.`));
    const orgNames = async () => (await server.core.db.selectFrom('dir_organizations').select('name').orderBy('name').execute()).map((o) => o.name);
    const servicesOf = async (orgPath: string) => (await server.core.db.selectFrom('dir_services').select('url').where('org_url', '=', `${fed.base}${orgPath}`).execute()).map((s) => s.url);
    /** The crawl report's entry of one file, as text. */
    const reportEntry = async (path: string) => {
      const report = await client.get('/directory/report');
      assert.equal(report.status, 200);
      return textOf(report.text).split(fed.base).find((part) => part.startsWith(path)) ?? '';
    };

    it('keeps invalid organization files (no name, unknown type, binary, decompression bomb, script link) out of the directory, in the report with their errors', async () => {
      fed.set('/orgs/noname.properties', `${header('Organization')}organization.description = Sans nom\n`);
      fed.set('/orgs/badtype.properties', `${header('Organization')}organization.name = Vaisseau\norganization.type = SPACESHIP\n`);
      fed.set('/orgs/script.properties', `${header('Organization')}organization.name = Piège\norganization.website = javascript:alert(1)\n`);
      listFirst(['noname', 'badtype', 'binary', 'bomb', 'script'].map((id) => `subs.${id} = ${fed.base}/orgs/${id}.properties`));
      const summary = await crawl();
      assert.deepEqual(await orgNames(), ['Chaton Belge', 'Chaton des Alpes', 'Libre Quimper']);
      assert.ok(summary.invalid >= 4);

      const noname = await reportEntry('/orgs/noname.properties');
      assert.match(noname, /pas dans l’annuaire/);
      assert.match(noname, /organization\.name : clé obligatoire manquante/);
      assert.match(await reportEntry('/orgs/badtype.properties'), /valeur non prévue : « SPACESHIP »/);
      assert.match(await reportEntry('/orgs/binary.properties'), /pas en UTF-8/);
      assert.match(await reportEntry('/orgs/bomb.properties'), /trop gros/);
      assert.match(await reportEntry('/orgs/script.properties'), /adresse web invalide : « javascript:alert\(1\) »/);
      const english = textOf((await client.get('/directory/report', { 'accept-language': 'en' })).text);
      assert.match(english, /not in the directory/);
      assert.match(english, /unknown file.class|mandatory key missing/);
    });

    it('keeps the last valid data of a chaton whose file turns invalid, and shows why on its page', async () => {
      const alpes = await (await fetch(`${fed.base}/orgs/alpes.properties`)).text();
      fed.set('/orgs/alpes.properties', alpes.replace('Chaton des Alpes', 'Alpes piratées').replace('ASSOCIATION', 'SPACESHIP'));
      await crawl();
      const row = await server.core.db.selectFrom('dir_organizations').select(['name', 'slug', 'type']).where('url', '=', `${fed.base}/orgs/alpes.properties`).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Chaton des Alpes');
      assert.equal(row.type, 'ASSOCIATION');
      assert.equal((await servicesOf('/orgs/alpes.properties')).length, 3);
      const page = textOf((await client.get(`/directory/c/${row.slug}`)).text);
      assert.match(page, /La fiche a des erreurs : elle n’entre pas dans l’annuaire/);
      assert.match(page, /valeur non prévue : « SPACESHIP »/);
      fed.set('/orgs/alpes.properties', null);
    });

    it('gives each organization a budget of files: two huge ones are cut, keep their earlier services, and every other chaton is read', async () => {
      fed.hoard('big', 30);
      listFirst([`subs.big = ${fed.base}/hoard/big.properties`]);
      await crawl();
      assert.equal((await servicesOf('/hoard/big.properties')).length, 30);

      // Now two organizations list 3,000 services each, before everyone else, on the same host.
      fed.hoard('big', 3000);
      fed.hoard('giant', 3000);
      listFirst([`subs.big = ${fed.base}/hoard/big.properties`, `subs.giant = ${fed.base}/hoard/giant.properties`]);
      const hitsBefore = [...fed.hits.keys()].filter((p) => p.startsWith('/hoard/big/')).length;
      const summary = await crawl({ max_files_per_organization: 40, max_files: 400 });
      const fetchedBig = [...fed.hits.keys()].filter((p) => p.startsWith('/hoard/big/')).length - hitsBefore;
      const fetchedGiant = [...fed.hits.keys()].filter((p) => p.startsWith('/hoard/giant/')).length;
      assert.ok(fetchedBig <= 39 && fetchedGiant <= 39, `${fetchedBig} and ${fetchedGiant} files fetched`);
      assert.equal(summary.cutOrganizations, 2, JSON.stringify(summary));

      // Every legitimate chaton and service is still there.
      assert.deepEqual(await orgNames(), ['Chaton Belge', 'Chaton des Alpes', 'Hoard big', 'Hoard giant', 'Libre Quimper']);
      assert.equal((await servicesOf('/orgs/alpes.properties')).length, 3);
      assert.equal((await servicesOf('/orgs/quimper.properties')).length, 2);
      assert.equal((await servicesOf('/orgs/moved.properties')).length, 1);
      // The services read before the cut keep their data: svc-0…29 were not reached this time.
      const big = await servicesOf('/hoard/big.properties');
      for (let i = 0; i < 30; i++) assert.ok(big.includes(`${fed.base}/hoard/big/svc-${i}.properties`), `svc-${i} kept`);

      const slug = (await server.core.db.selectFrom('dir_organizations').select('slug').where('name', '=', 'Hoard big').executeTakeFirstOrThrow()).slug;
      const page = textOf((await client.get(`/directory/c/${slug}`)).text);
      assert.match(page, /plus de 40 fiches pour cette organisation/);
      const english = textOf((await client.get(`/directory/c/${slug}`, { 'accept-language': 'en' })).text);
      assert.match(english, /more than 40 files for this organization/);
      assert.match(await reportEntry('/hoard/big.properties'), /plus de 40 fiches/);

      // A later crawl within budget forgets the note.
      fed.hoard('big', 30);
      fed.hoard('giant', 3);
      await crawl({ max_files_per_organization: 40, max_files: 400 });
      assert.doesNotMatch(textOf((await client.get(`/directory/c/${slug}`)).text), /plus de 40 fiches/);
    });

    it('gives each organization a budget of bytes', async () => {
      fed.hoard('giant', 200);
      const summary = await crawl({ max_bytes_per_organization: 4096 });
      // svc-0…2 were read by the crawl before; svc-3…199 are new.
      const hoarded = [...fed.hits.keys()].filter((p) => {
        const n = Number(/^\/hoard\/giant\/svc-(\d+)\./.exec(p)?.[1] ?? -1);
        return n >= 3 && n < 200;
      }).length;
      assert.ok(hoarded < 40, `${hoarded} files fetched`);
      assert.ok(summary.cutOrganizations >= 1);
      const slug = (await server.core.db.selectFrom('dir_organizations').select('slug').where('name', '=', 'Hoard giant').executeTakeFirstOrThrow()).slug;
      assert.match(textOf((await client.get(`/directory/c/${slug}`)).text), /plus de 4\s096 octets de fiches pour cette organisation/);
    });

    it('stops a crawl at its time budget: what it did not reach keeps its last good data, and the report says why', async () => {
      const names = await orgNames();
      const alpesServices = await servicesOf('/orgs/alpes.properties');
      for (const p of ['/orgs/alpes.properties', '/orgs/quimper.properties', '/orgs/moved.properties', '/hoard/big.properties', '/hoard/giant.properties']) fed.hang(p);
      const padHits = fed.hits.get('/svc/alpes-pad.properties') ?? 0;
      const summary = await crawl({ crawl_max_seconds: 1 });
      for (const p of ['/orgs/alpes.properties', '/orgs/quimper.properties', '/orgs/moved.properties', '/hoard/big.properties', '/hoard/giant.properties']) fed.hang(p, false);
      assert.equal(fed.hits.get('/svc/alpes-pad.properties') ?? 0, padHits, 'nothing is fetched after the budget');
      assert.deepEqual(summary.cuts, ['cut-time']);
      assert.deepEqual(await orgNames(), names);
      assert.deepEqual((await servicesOf('/orgs/alpes.properties')).sort(), alpesServices.sort());
      const report = textOf((await client.get('/directory/report')).text);
      assert.match(report, /Parcours interrompu/);
      assert.match(report, /parcours arrêté au bout de 1 s/);
      assert.match(textOf((await client.get('/directory/report', { 'accept-language': 'en' })).text), /crawl stopped after 1 s/);
    });

    it('checks the health of every organization\'s services in turns, within the same time budget', { timeout: 60_000 }, async () => {
      // An organization with 300 no-signup services whose sites never answer, and one chaton's pad listed after them.
      fed.hoard('giant', 300);
      listFirst([`subs.giant = ${fed.base}/hoard/giant.properties`]);
      await crawl();
      const pad = `${fed.base}/svc/alpes-pad.properties`;
      await server.core.db.deleteFrom('dir_services').where('url', '=', pad).execute();
      await crawl();
      await server.core.db.updateTable('dir_services').set({ health: 'unknown', health_checked_at: null }).execute();
      await checkDirectoryHealth(server.core.db, { ...server.config, directory: { ...server.config.directory, crawl_max_seconds: 2 } });
      const row = await server.core.db.selectFrom('dir_services').select('health').where('url', '=', pad).executeTakeFirstOrThrow();
      assert.equal(row.health, 'up');
    });
  });
}
