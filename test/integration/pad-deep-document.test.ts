// A pad whose elements a visitor's edits nest thousands of levels deep (each edit one more level is a
// small, valid Yjs update) still opens and exports for everyone: the content deeper than the reading
// bound is shown as plain paragraphs, its text kept (it used to overflow the stack: a 500 on every view).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import type { PadClient } from '../../src/modules/pad/client.js';
import { connect, createPad, waitFor } from '../pad/helpers.js';

for (const backend of backends()) {
  describe(`a deeply nested pad (${backend})`, () => {
    let server: TestServer;
    const clients: PadClient[] = [];
    before(async () => {
      server = await startTestServer({ backend, modules: [pad] });
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    it('still shows and exports a pad nested 3,000 levels deep', async () => {
      const { name } = await createPad(server.url);
      const writer = connect(server.url, `/pad/${name}`, { reconnect: false });
      clients.push(writer);
      await waitFor(() => writer.synced, 'synced');
      let parent: Y.XmlElement | Y.XmlFragment = writer.doc.getXmlFragment(FRAGMENT);
      for (let chunk = 0; chunk < 6; chunk++) {
        writer.doc.transact(() => {
          for (let i = 0; i < 500; i++) {
            const quote = new Y.XmlElement(i % 2 ? 'blockquote' : 'bullet_list');
            parent.insert(0, [quote]);
            parent = quote;
          }
        });
        await waitFor(() => writer.pending === 0 || writer.status === 'closed', 'the edit is answered');
      }
      const p = new Y.XmlElement('paragraph');
      parent.insert(0, [p]);
      p.insert(0, [new Y.XmlText('tout au fond')]);
      await waitFor(() => writer.pending === 0 || writer.status === 'closed', 'the edit is answered');

      const http = new TestClient(server.url);
      assert.equal((await http.get(`/pad/${name}`)).status, 200);
      for (const format of ['txt', 'md', 'html']) {
        const res = await http.get(`/pad/${name}/export/${format}`);
        assert.equal(res.status, 200, `export ${format}`);
        if (writer.status !== 'closed') assert.match(res.text, /tout au fond/);
      }
    });
  });
}
