// The pad end to end with protocol clients: create and share, real-time editing acknowledged once
// durable, presence and chat, the read-only link, and the WebSocket safety rules (bad, oversized and
// flooding messages, unknown pads, a full pad) that close one connection and spare the others.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { CLOSE, encodeUpdate } from '../../src/modules/pad/protocol.js';
import { connect, createPad, type, textOfDoc, waitFor, closed, wsUrl } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';

for (const backend of backends()) {
  describe(`pad in real time (${backend})`, () => {
    let server: TestServer;
    const clients: PadClient[] = [];
    const open = (path: string, opts: Parameters<typeof connect>[2] = {}) => {
      const c = connect(server.url, path, opts);
      clients.push(c);
      return c;
    };

    before(async () => {
      server = await startTestServer({ backend, modules: [pad], config: { pad: { max_pad_bytes: 4096, max_message_bytes: 2048, rate_per_connection: 20 } } });
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    it('creates a pad with a chosen or a random name, and shows its links', async () => {
      const chosen = await createPad(server.url, 'reunion-mardi');
      assert.equal(chosen.name, 'reunion-mardi');
      const random = await createPad(server.url);
      assert.match(random.name, /^[A-Za-z0-9_-]{16}$/);
      const page = await new TestClient(server.url).get('/pad/reunion-mardi');
      assert.equal(page.status, 200);
      assert.match(page.text, /\/assets\/web\/pad\.js/);
      assert.ok(page.text.includes(chosen.readOnlyPath), 'the pad page shows the read-only link');
      const again = await new TestClient(server.url).submit('/pad/', { name: 'reunion-mardi' });
      assert.equal(again.status, 409);
      assert.match(textOf(again.text), /déjà ce nom/);
      const bad = await new TestClient(server.url).submit('/pad/', { name: 'pas de espaces' });
      assert.equal(bad.status, 422);
      const unknown = await new TestClient(server.url).get('/pad/nobody-here');
      assert.equal(unknown.status, 404);
      assert.match(textOf(unknown.text), /Créer un pad « nobody-here »/);
    });

    it('two writers converge, each edit is acknowledged once durable, and a newcomer loads it', async () => {
      const { name } = await createPad(server.url);
      const a = open(`/pad/${name}`);
      const b = open(`/pad/${name}`);
      await waitFor(() => a.synced && b.synced, 'both synced');
      type(a.doc, 'Bonjour');
      await waitFor(() => textOfDoc(b.doc) === 'Bonjour', 'b sees a’s text');
      type(b.doc, ' à tous');
      await waitFor(() => textOfDoc(a.doc) === 'Bonjour à tous', 'a sees b’s text');
      await waitFor(() => a.pending === 0 && b.pending === 0, 'every edit acknowledged');
      // Acknowledged means written: a fresh room (after everyone left) loads it from the database.
      a.destroy();
      b.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const c = open(`/pad/${name}`);
      await waitFor(() => textOfDoc(c.doc) === 'Bonjour à tous', 'a newcomer gets the saved text');
      const txt = await new TestClient(server.url).get(`/pad/${name}/export/txt`);
      assert.equal(txt.text, 'Bonjour à tous\n');
    });

    it('shows who is there, keeps names and colours, and keeps the chat with the pad', async () => {
      const { name } = await createPad(server.url);
      const a = open(`/pad/${name}`, { author: { author: 'alice-0001', name: 'Alice', color: '#ffadad' } });
      const b = open(`/pad/${name}`, { author: { author: 'bob-000001', name: 'Bob', color: '#a0c4ff' } });
      await waitFor(() => a.synced && b.synced, 'synced');
      a.awareness!.setLocalStateField('user', { name: 'Alice', color: '#ffadad', author: 'alice-0001' });
      await waitFor(() => [...b.awareness!.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Alice'), 'b sees Alice present');
      await waitFor(() => (b.info?.authors ?? []).some((x) => x.name === 'Alice' && x.color === '#ffadad'), 'authors and colours are shared');
      const heard: string[] = [];
      b.on('chat', (m) => heard.push((m as { text: string }).text));
      a.chat('On commence ?');
      await waitFor(() => heard.includes('On commence ?'), 'b hears the chat');
      a.destroy();
      await waitFor(() => ![...b.awareness!.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Alice'), 'Alice leaves the list');
      const later: string[] = [];
      const c = open(`/pad/${name}`);
      c.on('chat', (m) => later.push((m as { text: string }).text));
      await waitFor(() => later.includes('On commence ?'), 'the chat is kept with the pad');
    });

    it('a read-only link follows the text live but cannot edit', async () => {
      const created = await createPad(server.url);
      const writer = open(`/pad/${created.name}`);
      const reader = open(created.readOnlyPath, { reconnect: false });
      await waitFor(() => writer.synced && reader.synced, 'synced');
      assert.equal(reader.info?.readOnly, true);
      type(writer.doc, 'Visible');
      await waitFor(() => textOfDoc(reader.doc) === 'Visible', 'the reader sees the text');
      const page = await new TestClient(server.url).get(created.readOnlyPath);
      assert.equal(page.status, 200);
      assert.ok(!page.text.includes(`/pad/${created.name}`), 'the read-only page does not reveal the writers’ link');
      reader.sendRaw(encodeUpdate(1, new Uint8Array([0, 0])));
      assert.equal(await closed(reader), CLOSE.readOnly);
      // History is the creator's choice.
      assert.equal((await new TestClient(server.url).get(`${created.readOnlyPath}/timeslider`)).status, 403);
      assert.equal((await new TestClient(server.url).get(`${created.readOnlyPath}/export/chatonpad`)).status, 403);
      assert.equal((await new TestClient(server.url).get(`${created.readOnlyPath}/export/txt`)).text, 'Visible\n');
    });

    it('bad input closes only the guilty connection, with a clear code', async () => {
      const { name } = await createPad(server.url);
      const good = open(`/pad/${name}`);
      await waitFor(() => good.synced, 'synced');
      const codes: number[] = [];
      for (const raw of [new Uint8Array([9, 9, 9]), new Uint8Array([2, 1, 50, 1, 2]), new Uint8Array(4096).fill(2)]) {
        const bad = open(`/pad/${name}`, { reconnect: false });
        await waitFor(() => bad.synced, 'bad client synced');
        bad.sendRaw(raw);
        codes.push(await closed(bad));
      }
      assert.deepEqual(codes, [CLOSE.malformed, CLOSE.malformed, CLOSE.tooLarge]);
      // Text frames are refused too.
      const text = new WebSocket(wsUrl(server.url, `/pad/${name}`));
      await new Promise((r) => text.once('open', r));
      text.send('hello');
      const code = await new Promise<number>((r) => text.once('close', (c: number) => r(c)));
      assert.equal(code, CLOSE.malformed);
      // A flood: far more edits than the per-connection rate.
      const flooder = open(`/pad/${name}`, { reconnect: false });
      await waitFor(() => flooder.synced, 'flooder synced');
      for (let i = 0; i < 200; i++) type(flooder.doc, 'x');
      assert.equal(await closed(flooder), CLOSE.flood);
      // The room is fine: the good client still edits and is acknowledged.
      type(good.doc, 'toujours là');
      await waitFor(() => good.pending === 0 && good.status === 'online', 'the good client is unharmed');
      // Unknown pad.
      const lost = open('/pad/nothing-here', { reconnect: false });
      assert.equal(await closed(lost), CLOSE.unknownPad);
    });

    it('a full pad says so', async () => {
      const { name } = await createPad(server.url);
      const a = open(`/pad/${name}`, { reconnect: false });
      await waitFor(() => a.synced, 'synced');
      const code = closed(a);
      for (let i = 0; i < 10 && a.status !== 'closed'; i++) {
        type(a.doc, 'z'.repeat(1000));
        await new Promise((r) => setTimeout(r, 150));
      }
      assert.equal(await code, CLOSE.padFull);
    });

    it('the WebSocket is behind the opening check', async () => {
      const { name } = await createPad(server.url);
      await server.core.openings.set('pad', { opening: 'closed', groups: [] });
      try {
        const ws = new WebSocket(wsUrl(server.url, `/pad/${name}`));
        const status = await new Promise<number>((resolve) => {
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => resolve(101));
        });
        assert.equal(status, 403);
      } finally {
        await server.core.openings.set('pad', { opening: 'public', groups: [] });
      }
    });
  });
}
