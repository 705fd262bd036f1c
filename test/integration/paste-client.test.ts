// An existing PrivateBin client from npm (@pixelfactory/privatebin, API v2) against our server: what it
// writes, our page's crypto reads; what our page's crypto writes, it reads. (Its CLI needs Node 22, so
// the test drives its library, which is what the CLI calls.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PrivatebinClient } from '@pixelfactory/privatebin';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { paste } from '../../src/modules/paste/index.js';
import { decrypt, encryptPaste, newKey, type PasteAdata, type PasteMessage } from '../../web/paste/crypto.js';

const JSON_MODE = { 'x-requested-with': 'JSONHttpRequest' };

type ClientOptions = Parameters<PrivatebinClient['sendText']>[2];
const options = (o: Partial<ClientOptions> = {}): ClientOptions => ({ expire: '1day', burnafterreading: 0, opendiscussion: 0, output: 'json', compression: 'zlib', textformat: 'plaintext', ...o });

for (const backend of backends()) {
  describe(`an npm PrivateBin client against our server (${backend})`, () => {
    let server: TestServer;
    let client: PrivatebinClient;
    before(async () => {
      server = await startTestServer({ backend, modules: [paste] });
      client = new PrivatebinClient(`${server.url}/paste`);
    });
    after(() => server.close());

    for (const compression of ['zlib', 'none'] as const) {
      it(`creates with the client (${compression}), reads with our page’s crypto`, async () => {
        const key = newKey();
        const text = `Écrit par le client ${compression} 🐈\nDeuxième ligne`;
        const sent = await client.sendText(text, key, options({ compression, textformat: 'markdown' }));
        assert.equal(sent.status, 0);
        assert.match(sent.id, /^[a-f0-9]{16}$/);
        assert.match(sent.deletetoken, /^[a-f0-9]{64}$/);
        const res = await fetch(`${server.url}/paste/?${sent.id}`, { headers: JSON_MODE });
        const data = (await res.json()) as { status: number; ct: string; adata: PasteAdata };
        assert.equal(data.status, 0);
        assert.equal(data.adata[1], 'markdown');
        const message = await decrypt<PasteMessage>(key, '', data.ct, data.adata);
        assert.equal(message.paste, text);
        // The page a person opens for this link is the reading page.
        const page = await fetch(`${server.url}/paste/?${sent.id}`);
        assert.match(await page.text(), /data-mode="read"/);
      });
    }

    it('reads with the client what our page’s crypto wrote, adata untouched', async () => {
      const key = newKey();
      const payload = await encryptPaste(key, '', { paste: 'Écrit par la page ✓' }, { format: 'syntaxhighlighting', expire: '1week', burn: false, discussion: true });
      const res = await fetch(`${server.url}/paste/`, { method: 'POST', headers: { ...JSON_MODE, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const { id } = (await res.json()) as { id: string };
      assert.deepEqual(await client.getText(id, key), { paste: 'Écrit par la page ✓' });
    });

    it('burns after one read by the client', async () => {
      const key = newKey();
      const sent = await client.sendText('une fois', key, options({ burnafterreading: 1 }));
      assert.deepEqual(await client.getText(sent.id, key), { paste: 'une fois' });
      await assert.rejects(client.getText(sent.id, key));
    });

    it('lets the writer delete what the client created, with its delete token', async () => {
      const key = newKey();
      const sent = await client.sendText('à supprimer', key, options());
      const del = await fetch(`${server.url}/paste/`, { method: 'POST', headers: { ...JSON_MODE, 'content-type': 'application/json' }, body: JSON.stringify({ pasteid: sent.id, deletetoken: sent.deletetoken }) });
      assert.equal(((await del.json()) as { status: number }).status, 0);
      await assert.rejects(client.getText(sent.id, key));
    });
  });
}
