import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';

for (const backend of backends()) {
  describe(`directory crawler (${backend})`, () => {
    let server: TestServer;
    let fed: FixtureFederation;
    before(async () => {
      fed = await startFixtureFederation();
      server = await startTestServer({ backend, config: { directory: { ...testDirectoryConfig, enabled: false } } });
    });
    after(async () => {
      await server.close();
      await fed.close();
    });

    const file = (url: string) => server.core.db.selectFrom('dir_files').selectAll().where('url', '=', url).executeTakeFirstOrThrow();

    it('walks federation → organizations → services → metrics, and survives every broken file', async () => {
      const progress: number[] = [];
      const summary = await crawlFederation(server.core.db, server.config, fed.url, { onProgress: (p) => progress.push(p.done) });
      const orgs = await server.core.db.selectFrom('dir_organizations').select(['name', 'country_code', 'latitude', 'memberof_level']).orderBy('name').execute();
      // Chaton Cassé's file has validator errors: it stays out of the directory (issue 10, E17).
      assert.deepEqual(orgs.map((o) => o.name), ['Chaton Belge', 'Chaton des Alpes', 'Libre Quimper']);
      assert.equal(orgs.find((o) => o.name === 'Chaton des Alpes')?.latitude, 45.1885);
      const services = await server.core.db.selectFrom('dir_services').select(['name', 'kind', 'registration']).orderBy('name').execute();
      assert.deepEqual(
        services.map((s) => `${s.name}:${s.kind}:${s.registration}`),
        ['Nuage:cloud:Member', 'Pad de Quimper:pad:None', 'Pad des Alpes:pad:None', 'Pad en panne:pad:None', 'Paste:paste:Client', 'Sondages:poll:Free'],
      );
      assert.equal((await file(`${fed.base}/metrics/alpes-pad.properties`)).kind, 'metrics');
      assert.ok(progress.length >= summary.files - 1 && summary.files > 10);

      assert.match((await file(`${fed.base}/orgs/slow.properties`)).last_error ?? '', /^timeout/);
      assert.match((await file(`${fed.base}/orgs/huge.properties`)).last_error ?? '', /^too-large/);
      assert.match((await file(`${fed.base}/orgs/hugechunked.properties`)).last_error ?? '', /^too-large/);
      assert.match((await file(`${fed.base}/orgs/loop.properties`)).last_error ?? '', /^too-many-redirects/);
      assert.match((await file('http://169.254.169.254/latest/meta-data.properties')).last_error ?? '', /^private-address/);
      assert.match((await file(`${fed.base}/orgs/missing.properties`)).last_error ?? '', /HTTP 404/);
      assert.equal(fed.hits.get('/orgs/loop6.properties'), undefined, 'the redirect cap stops at 5 hops');

      // The malformed file is refused with the validator's findings, not a crash; nothing it lists is followed.
      const broken = await file(`${fed.base}/orgs/broken.properties`);
      assert.match(broken.last_error ?? '', /^invalid: 7 error/);
      const issues = JSON.parse(broken.issues) as { code: string }[];
      assert.ok(issues.some((i) => i.code === 'bad-escape'));
      assert.equal(await server.core.db.selectFrom('dir_organizations').select('url').where('url', '=', broken.url).executeTakeFirst(), undefined);
      assert.equal(fed.hits.get('/svc/does-not-exist.properties'), undefined);
      assert.ok(summary.errors >= 6);
      assert.equal(summary.invalid, 1);
    });

    it('re-crawls with conditional requests and keeps everything when nothing changed', async () => {
      const before304 = [...fed.notModified.values()].reduce((a, b) => a + b, 0);
      const summary = await crawlFederation(server.core.db, server.config, fed.url);
      const after304 = [...fed.notModified.values()].reduce((a, b) => a + b, 0);
      assert.equal(summary.fetched, 0);
      assert.equal(after304 - before304, summary.notModified);
      // Every stored file answers 304; the refused broken file has no stored copy and is read again.
      assert.ok(summary.notModified >= 11);
      assert.equal((await server.core.db.selectFrom('dir_services').select('url').execute()).length, 6);
    });

    it('keeps the last success of a file that now fails, with the error and the history', async () => {
      const problemsOf = async (name: string) => (await server.core.db.selectFrom('dir_organizations').select('problems').where('name', '=', name).executeTakeFirstOrThrow()).problems;
      const before = await problemsOf('Libre Quimper');
      fed.set('/orgs/quimper.properties', 500);
      await crawlFederation(server.core.db, server.config, fed.url);
      const row = await file(`${fed.base}/orgs/quimper.properties`);
      assert.match(row.last_error ?? '', /HTTP 500/);
      assert.ok(row.last_success_at);
      const org = await server.core.db.selectFrom('dir_organizations').select(['name', 'problems']).where('url', '=', row.url).executeTakeFirstOrThrow();
      assert.equal(org.name, 'Libre Quimper');
      assert.equal(org.problems, before + 1);
      assert.equal((await server.core.db.selectFrom('dir_services').select('url').where('org_url', '=', row.url).execute()).length, 2);
      const history = await server.core.db.selectFrom('dir_fetch_log').select('outcome').where('url', '=', row.url).orderBy('id').execute();
      assert.deepEqual(history.map((h) => h.outcome), ['ok', 'not-modified', 'error']);
      fed.set('/orgs/quimper.properties', null);
    });

    it('forgets the chatons the federation no longer lists', async () => {
      const text = await (await fetch(fed.url)).text();
      fed.set('/federation.properties', text.replace(/^subs\.quimper.*$/m, ''));
      await crawlFederation(server.core.db, server.config, fed.url);
      const names = (await server.core.db.selectFrom('dir_organizations').select('name').execute()).map((o) => o.name);
      assert.ok(!names.includes('Libre Quimper'));
      assert.ok(names.includes('Chaton des Alpes'));
      assert.equal((await server.core.db.selectFrom('dir_services').select('url').where('name', '=', 'Sondages').execute()).length, 0);
    });

    it('keeps the directory as it is when the federation file cannot be read', async () => {
      const count = (await server.core.db.selectFrom('dir_organizations').select('url').execute()).length;
      const summary = await crawlFederation(server.core.db, server.config, `${fed.base}/nowhere.properties`);
      assert.equal(summary.errors, 1);
      assert.equal((await server.core.db.selectFrom('dir_organizations').select('url').execute()).length, count);
    });
  });
}

describe('directory periodic crawl', () => {
  it('crawls the configured federation when the chaton starts with the directory on', async () => {
    const fed = await startFixtureFederation();
    const server = await startTestServer({ config: { directory: { ...testDirectoryConfig, federation_url: fed.url } } });
    try {
      // The job runs at start, then every crawl_interval_minutes; wait for it (bounded).
      let names: string[] = [];
      for (let i = 0; i < 200 && names.length < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
        names = (await server.core.db.selectFrom('dir_organizations').select('name').execute()).map((o) => o.name);
      }
      assert.equal(names.length, 3);
      const lease = await server.core.db.selectFrom('job_leases').select('name').where('name', '=', 'directory:crawl').executeTakeFirst();
      assert.equal(lease?.name, 'directory:crawl');
    } finally {
      await server.close();
      await fed.close();
    }
  });
});
