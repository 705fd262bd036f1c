// The directory shows one state per service that a visitor understands: what its chaton declares
// (maintenance, stopped) wins over "Répond" from our health check.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { startFixtureFederation, testDirectoryConfig, type FixtureFederation } from '../fixtures/directory-federation.js';
import { crawlFederation } from '../../src/federation/crawler/crawl.js';
import { checkDirectoryHealth } from '../../src/federation/crawler/health.js';

for (const backend of backends()) {
  describe(`directory service state (${backend})`, () => {
    let server: TestServer;
    let fed: FixtureFederation;
    before(async () => {
      fed = await startFixtureFederation();
      server = await startTestServer({ backend, config: { directory: testDirectoryConfig } });
      await crawlFederation(server.core.db, server.config, fed.url);
      await checkDirectoryHealth(server.core.db, server.config);
    });
    after(async () => {
      await server.close();
      await fed.close();
    });

    it('a service its chaton declares in maintenance or stopped shows that, not "Répond"', async () => {
      const client = new TestClient(server.url);
      const href = /href="(\/directory\/c\/[^"]+)"/.exec((await client.get('/directory?q=alpes')).text)?.[1];
      assert.ok(href);
      assert.match(textOf((await client.get(href)).text), /Pad des Alpes.*Sans inscription.*Répond/);
      const pad = await server.core.db.selectFrom('dir_services').select('url').where('name', '=', 'Pad des Alpes').executeTakeFirstOrThrow();
      for (const [level, words] of [['MAINTENANCE', /En maintenance/], ['OFF', /Arrêté/]] as const) {
        await server.core.db.updateTable('dir_services').set({ status_level: level, health: 'up' }).where('url', '=', pad.url).execute();
        const row = /Pad des Alpes.*?(Répond|Ne répond pas|Non vérifié|En maintenance|Arrêté)/.exec(textOf((await client.get(href)).text));
        assert.match(row?.[1] ?? '', words, level);
      }
    });
  });
}
