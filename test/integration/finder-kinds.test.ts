// /find/pad sends visitors to pads only: a paste service whose name says "bloc-notes" (as this
// software's own paste does) is filed under paste from its software name, so the finder never picks it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { extractService } from '../../src/federation/crawler/extract.js';
import { parseChatonsInfos, writeProperties } from '../../src/federation/chatonsinfos/index.js';
import { reclassifyServices } from '../../src/federation/crawler/reclassify.js';

for (const backend of backends()) {
  describe(`/find/pad never sends to a paste service (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, config: { directory: { enabled: true } } });
    });
    after(() => server.close());

    /** A crawled service, classified as the crawler does from its published file. */
    async function crawled(id: string, name: string, software: string): Promise<void> {
      const doc = parseChatonsInfos(writeProperties({ 'file.class': 'Service', 'service.name': name, 'service.website': `https://${id}.example.org/`, 'service.registration': 'None', 'software.name': software }));
      const info = extractService(doc);
      await server.core.db.insertInto('dir_services').values({
        ...info, url: `https://org.example/${id}.properties`, org_url: 'https://org.example/', health: 'up', health_checked_at: Date.now(), crawled_at: Date.now(),
      }).execute();
    }

    it('sends every visitor to the pad, never to the "Bloc-notes" paste', async () => {
      await crawled('pad', 'Pad', 'Etherpad');
      await crawled('paste', 'Bloc-notes chiffré', 'chaton paste (PrivateBin API v2)');
      await crawled('bin', 'Bloc-notes', 'PrivateBin');
      const client = new TestClient(server.url);
      for (let i = 0; i < 12; i++) {
        const res = await client.get('/find/pad');
        assert.equal(res.status, 303);
        assert.equal(res.location, 'https://pad.example.org/');
      }
      const paste = await client.get('/find/paste');
      assert.equal(paste.status, 303);
      assert.match(paste.location ?? '', /^https:\/\/(paste|bin)\.example\.org\/$/);
    });

    it('files again a service stored under a stale kind (an unchanged file is not read again)', async () => {
      await server.core.db.updateTable('dir_services').set({ kind: 'pad' }).where('url', '=', 'https://org.example/paste.properties').execute();
      assert.equal(await reclassifyServices(server.core.db), 1);
      const row = await server.core.db.selectFrom('dir_services').select('kind').where('url', '=', 'https://org.example/paste.properties').executeTakeFirstOrThrow();
      assert.equal(row.kind, 'paste');
      for (let i = 0; i < 6; i++) assert.equal((await new TestClient(server.url).get('/find/pad')).location, 'https://pad.example.org/');
    });
  });
}
