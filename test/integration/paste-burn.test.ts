// Burn after reading is exactly-once: of 100 simultaneous readers, one gets the paste, 99 get "not found".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { paste } from '../../src/modules/paste/index.js';
import { decrypt, encryptPaste, newKey, type PasteMessage, type PasteAdata } from '../../web/paste/crypto.js';

const HEADERS = { 'x-requested-with': 'JSONHttpRequest', 'content-type': 'application/json' };

for (const backend of backends()) {
  describe(`paste burn after reading under concurrent reads (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [paste] });
    });
    after(() => server.close());

    for (let round = 1; round <= 3; round++) {
      it(`100 concurrent reads give exactly one success (round ${round})`, async () => {
        const key = newKey();
        const payload = await encryptPaste(key, '', { paste: `une seule fois ${round}` }, { format: 'plaintext', expire: '1day', burn: true, discussion: false });
        const created = (await (await fetch(`${server.url}/paste/`, { method: 'POST', headers: HEADERS, body: JSON.stringify(payload) })).json()) as { id: string };
        const answers = await Promise.all(
          Array.from({ length: 100 }, async () => {
            const res = await fetch(`${server.url}/paste/?pasteid=${created.id}`, { headers: { 'x-requested-with': 'JSONHttpRequest' } });
            return { http: res.status, body: (await res.json()) as { status: number; ct?: string; adata?: PasteAdata } };
          }),
        );
        const winners = answers.filter((a) => a.body.status === 0);
        assert.equal(winners.length, 1);
        assert.equal(answers.filter((a) => a.http === 404 && a.body.status === 1).length, 99);
        const m = await decrypt<PasteMessage>(key, '', winners[0]!.body.ct!, winners[0]!.body.adata!);
        assert.equal(m.paste, `une seule fois ${round}`);
      });
    }
  });
}

for (const backend of backends()) {
  describe(`paste burn after reading: asking whether it is still there (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [paste] });
    });
    after(() => server.close());

    it('says whether a burn-after-reading paste is still there without burning it', async () => {
      const key = newKey();
      const payload = await encryptPaste(key, '', { paste: 'lecture unique' }, { format: 'plaintext', expire: '1day', burn: true, discussion: false });
      const created = (await (await fetch(`${server.url}/paste/`, { method: 'POST', headers: HEADERS, body: JSON.stringify(payload) })).json()) as { id: string };
      const exists = async (id: string) => {
        const res = await fetch(`${server.url}/paste/exists?pasteid=${id}`, { headers: { 'accept-language': 'fr' } });
        return { http: res.status, body: (await res.json()) as { status: number; message?: string } };
      };
      for (let i = 0; i < 3; i++) assert.deepEqual(await exists(created.id), { http: 200, body: { status: 0, id: created.id } }, 'asking does not burn it');
      const read = await fetch(`${server.url}/paste/?pasteid=${created.id}`, { headers: { 'x-requested-with': 'JSONHttpRequest' } });
      assert.equal(read.status, 200, 'the first reader still gets it');
      const gone = await exists(created.id);
      assert.equal(gone.http, 404);
      assert.equal(gone.body.status, 1);
      assert.match(gone.body.message ?? '', /déjà été lu/);
      assert.equal((await exists('not-an-id')).http, 400);
      assert.equal((await exists('')).http, 400);
    });
  });
}
