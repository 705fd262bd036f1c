// Issue 10 (A1–A3): what a stranger sends to a public pad never crashes the chaton, never destroys the pad
// for others, and every quantity it controls (presence, authors, sync requests, connections) is bounded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { pad } from '../../src/modules/pad/index.js';
import { CLOSE, MSG, encodeAwareness, encodeJson, encodeUpdate } from '../../src/modules/pad/protocol.js';
import { PadStore } from '../../src/modules/pad/store.js';
import { padDb } from '../../src/modules/pad/tables.js';
import type { PadClient } from '../../src/modules/pad/client.js';
import { connect, createPad, type, textOfDoc, waitFor, closed, wsUrl } from '../pad/helpers.js';
import { POISON_UPDATES, nestedBlockquotes } from '../pad/attacks.js';

/** A raw socket that records the type of every message it receives, and how it was closed. */
function rawSocket(url: string): { ws: WebSocket; types: number[]; messages: Uint8Array[]; code: () => number | null; opened: Promise<void> } {
  const ws = new WebSocket(url);
  const types: number[] = [];
  const messages: Uint8Array[] = [];
  let code: number | null = null;
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    messages.push(bytes);
    types.push(decoding.readVarUint(decoding.createDecoder(bytes)));
  });
  ws.on('close', (c: number) => (code = c));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, types, messages, code: () => code, opened };
}

/** An awareness message setting the presence of `ids`, each with a state of about `bytes` bytes. */
function presence(ids: number[], bytes = 40, name = 'x'): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, ids.length);
  for (const id of ids) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, 1000);
    encoding.writeVarString(e, JSON.stringify({ user: { name: name.repeat(Math.max(1, bytes - 20)) } }));
  }
  return encodeAwareness(encoding.toUint8Array(e));
}

function syncStep1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  return encoding.toUint8Array(e);
}

/** `promise`, or a failure after 10 s (so that a test of a fault fails on the old code instead of hanging). */
function withDeadline<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 10_000)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Waits until the client is closed (its code) or one of its raw updates is acknowledged ('acknowledged'). */
function closedOrAcknowledged(client: PadClient): Promise<number | 'acknowledged'> {
  return Promise.race([closed(client), new Promise<'acknowledged'>((resolve) => client.on('saved', () => resolve('acknowledged')))]);
}

for (const backend of backends()) {
  describe(`pad hardening (${backend})`, () => {
    let server: TestServer;
    let store: PadStore;
    const clients: PadClient[] = [];
    const open = (path: string, opts: Parameters<typeof connect>[2] = {}) => {
      const c = connect(server.url, path, opts);
      clients.push(c);
      return c;
    };
    const pagesAnswer = async (name: string): Promise<number[]> => {
      const http = new TestClient(server.url);
      return Promise.all([`/pad/${name}`, ...['txt', 'md', 'html', 'chatonpad'].map((f) => `/pad/${name}/export/${f}`)].map(async (p) => (await http.get(p)).status));
    };

    before(async () => {
      server = await startTestServer({ backend, modules: [pad], config: { pad: { max_authors: 10 } } });
      store = new PadStore(padDb(server.core));
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await server.close();
    });

    it('blocks nested 5,000 deep are refused with their sender alone closed; the chaton keeps serving (A1)', async () => {
      const { name } = await createPad(server.url);
      const keeper = open(`/pad/${name}`);
      await waitFor(() => keeper.synced, 'keeper synced');
      type(keeper.doc, 'avant');
      await waitFor(() => keeper.pending === 0, 'keeper saved');
      const { nest, removeOuter } = nestedBlockquotes(5000, 2500);
      assert.ok(nest.every((u) => u.byteLength < 64 * 1024 - 16), 'each message is under the message limit');
      const attacker = open(`/pad/${name}`, { reconnect: false, awareness: false });
      await waitFor(() => attacker.synced, 'attacker synced');
      nest.forEach((u, i) => attacker.sendRaw(encodeUpdate(i + 1, u)));
      attacker.sendRaw(encodeUpdate(nest.length + 1, removeOuter));
      await waitFor(() => attacker.status === 'closed', 'the attacker is closed');
      assert.equal(attacker.closeCode, CLOSE.tooDeep);
      // The deletion alone, from another socket, harms nothing either.
      const second = open(`/pad/${name}`, { reconnect: false, awareness: false });
      await waitFor(() => second.synced, 'second synced');
      second.sendRaw(encodeUpdate(1, removeOuter));
      type(keeper.doc, ' après');
      await waitFor(() => keeper.pending === 0 && keeper.status === 'online', 'the keeper still edits');
      assert.deepEqual(await pagesAnswer(name), [200, 200, 200, 200, 200]);
      const newcomer = open(`/pad/${name}`);
      await waitFor(() => newcomer.synced && textOfDoc(newcomer.doc) === 'avant après', 'a newcomer loads the pad');
    });

    it('a pad stored 5,000 deep before the limit still shows and exports, and deleting its depth is refused (A1)', async () => {
      const { name } = await createPad(server.url);
      const { nest, removeOuter } = nestedBlockquotes(5000, 2500);
      await store.append(name, nest.map((data) => ({ author: 'old', data, at: Date.now() })), nest.reduce((n, u) => n + u.byteLength, 0));
      assert.deepEqual(await pagesAnswer(name), [200, 200, 200, 200, 200]);
      const keeper = open(`/pad/${name}`, { awareness: false });
      await waitFor(() => keeper.synced, 'keeper synced');
      const attacker = open(`/pad/${name}`, { reconnect: false, awareness: false });
      await waitFor(() => attacker.synced, 'attacker synced');
      attacker.sendRaw(encodeUpdate(1, removeOuter));
      await waitFor(() => attacker.status === 'closed', 'the attacker is closed');
      assert.equal(attacker.closeCode, CLOSE.malformed);
      const other = open(`/pad/${name}`, { awareness: false });
      await waitFor(() => other.synced, 'another client opens the pad');
      assert.deepEqual(await pagesAnswer(name), [200, 200, 200, 200, 200]);
    });

    it('the two 117-byte updates of issue 10 are refused and the pad stays whole (A2)', async () => {
      const { name } = await createPad(server.url);
      const keeper = open(`/pad/${name}`);
      await waitFor(() => keeper.synced, 'keeper synced');
      type(keeper.doc, 'gardien');
      await waitFor(() => keeper.pending === 0, 'keeper saved');
      const outcomes: (number | 'acknowledged')[] = [];
      for (const update of POISON_UPDATES) {
        const sender = open(`/pad/${name}`, { reconnect: false, awareness: false });
        await waitFor(() => sender.synced, 'sender synced');
        const outcome = closedOrAcknowledged(sender);
        sender.sendRaw(encodeUpdate(1, update));
        outcomes.push(await withDeadline(outcome));
      }
      assert.deepEqual(outcomes, [CLOSE.malformed, CLOSE.malformed]);
      const stored = await store.db.selectFrom('pad_updates').select('data').where('pad', '=', name).execute();
      const doc = new Y.Doc();
      for (const row of stored) Y.applyUpdate(doc, new Uint8Array(row.data));
      assert.equal(textOfDoc(doc), 'gardien', 'only the keeper’s edits are stored');
      // Connected clients keep working, pages and exports answer, and the room opens again.
      type(keeper.doc, ' veille');
      await waitFor(() => keeper.pending === 0 && keeper.status === 'online', 'the keeper still edits');
      assert.deepEqual(await pagesAnswer(name), [200, 200, 200, 200, 200]);
      keeper.destroy();
      const later = open(`/pad/${name}`);
      await waitFor(() => later.synced && textOfDoc(later.doc) === 'gardien veille', 'the room opens again with the text');
      type(later.doc, ' !');
      await waitFor(() => later.pending === 0, 'and takes edits');
    });

    it('a pad stored with an update that does not apply, and a damaged checkpoint, is repaired and says so (A2)', async () => {
      const { name, adminPath } = await createPad(server.url);
      const writer = open(`/pad/${name}`, { reconnect: false });
      await waitFor(() => writer.synced, 'writer synced');
      type(writer.doc, 'texte sauvé');
      await waitFor(() => writer.pending === 0, 'writer saved');
      const gone = closed(writer);
      writer.destroy();
      await gone;
      // As the old code could leave it: an acknowledged update over a hole, and a checkpoint of it.
      await store.append(name, [{ author: 'intrus', data: POISON_UPDATES[1]!, at: Date.now() }], 117);
      await store.db.insertInto('pad_checkpoints').values({ pad: name, upto: await store.lastUpdateId(name), at: Date.now(), state: POISON_UPDATES[1]!, label: '' }).execute();
      const fr = new TestClient(server.url);
      // Restoring the last moment is the first request to read it (the form's token comes from the index).
      const restored = await fr.submit('/pad/', { moment: String(await store.lastUpdateId(name)) }, `/pad/${name}/restore`);
      assert.equal(restored.status, 303);
      const page = await fr.get(`/pad/${name}`);
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /texte sauvé/);
      assert.equal((await fr.get(`/pad/${name}/export/txt`)).text, 'texte sauvé\n');
      assert.deepEqual(await pagesAnswer(name), [200, 200, 200, 200, 200]);
      const bad = await store.db.selectFrom('pad_updates').select('id').where('pad', '=', name).where('author', '=', 'intrus').execute();
      assert.equal(bad.length, 0, 'the update that does not apply is gone from the log');
      assert.match(textOf((await fr.get(adminPath)).text), /a été réparé le .* à partir de sa dernière version lisible/);
      const en = new TestClient(server.url, { 'accept-language': 'en' });
      assert.match(textOf((await en.get(adminPath)).text), /it was repaired on .* from its last readable version/);
      const reader = open(`/pad/${name}`);
      await waitFor(() => reader.synced && textOfDoc(reader.doc) === 'texte sauvé', 'the room opens with the good text');
      type(reader.doc, ' encore');
      await waitFor(() => reader.pending === 0, 'and takes edits');
    });

    it('presence: at most 4 entries per connection and a bounded state size (A3)', async () => {
      const { name } = await createPad(server.url);
      const many = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await many.opened;
      many.ws.send(presence([101, 102, 103, 104]));
      many.ws.send(presence([105, 106, 107, 108]));
      await waitFor(() => many.code() !== null, 'closed for too many presence entries');
      assert.equal(many.code(), CLOSE.malformed);
      const big = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await big.opened;
      big.ws.send(presence([201], 15_000));
      await waitFor(() => big.code() !== null, 'closed for too large a presence');
      assert.equal(big.code(), CLOSE.tooLarge);
      // A newcomer is not sent what was refused.
      const newcomer = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await newcomer.opened;
      newcomer.ws.send(syncStep1());
      await waitFor(() => newcomer.types.includes(MSG.sync), 'newcomer synced');
      assert.ok(newcomer.messages.every((m) => m.byteLength < 4096), 'no large presence is relayed');
      newcomer.ws.close();
      // No one may change another's presence.
      const alice = open(`/pad/${name}`);
      const watcher = open(`/pad/${name}`);
      await waitFor(() => alice.synced && watcher.synced, 'alice and watcher synced');
      alice.awareness!.setLocalStateField('user', { name: 'Alice' });
      const aliceId = alice.doc.clientID;
      const nameOf = (id: number) => (watcher.awareness!.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;
      await waitFor(() => nameOf(aliceId) === 'Alice', 'watcher sees Alice');
      const spoofer = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await spoofer.opened;
      spoofer.ws.send(presence([aliceId], 21, 'Usurpateur'));
      spoofer.ws.send(presence([777], 21, 'Spoofer'));
      await waitFor(() => nameOf(777) === 'Spoofer', 'watcher sees the spoofer’s own presence');
      assert.equal(nameOf(aliceId), 'Alice');
      spoofer.ws.close();
    });

    it('authors: changes are sent one by one, at most pad.max_authors are kept, one author per connection (A3)', async () => {
      const { name } = await createPad(server.url);
      const observer = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await observer.opened;
      await waitFor(() => observer.types.includes(MSG.info), 'observer informed');
      for (let i = 0; i < 12; i++) {
        const c = open(`/pad/${name}`, { awareness: false, author: { author: `many-author-${i}`, name: `N${i}`, color: '#aabbcc' } });
        await waitFor(() => c.synced, 'author connected');
      }
      await waitFor(() => observer.types.filter((t) => t === MSG.author).length >= 10, 'ten authors announced');
      const newcomer = open(`/pad/${name}`, { awareness: false, author: { author: 'late-author', name: 'Late', color: '#aabbcc' } });
      await waitFor(() => newcomer.info !== null, 'newcomer informed');
      assert.equal(newcomer.info!.authors.length, 10);
      assert.equal(observer.types.filter((t) => t === MSG.info).length, 1, 'the whole list is sent once, on connecting');
      assert.equal(observer.types.filter((t) => t === MSG.author).length, 10);
      assert.equal((await store.authors(name)).length, 10);
      // A connection cannot speak for several authors.
      const changer = open(`/pad/${name}`, { reconnect: false, awareness: false, author: { author: 'first-author', name: 'A', color: '#aabbcc' } });
      await waitFor(() => changer.synced, 'changer synced');
      changer.sendRaw(encodeJson(MSG.hello, { author: 'second-author', name: 'B', color: '#aabbcc' }));
      await waitFor(() => changer.status === 'closed', 'the changer is closed');
      assert.equal(changer.closeCode, CLOSE.malformed);
      observer.ws.close();
    });

    it('sync requests are rate limited per connection (A3)', async () => {
      const { name } = await createPad(server.url);
      const writer = open(`/pad/${name}`);
      await waitFor(() => writer.synced, 'writer synced');
      type(writer.doc, 'x'.repeat(500));
      await waitFor(() => writer.pending === 0, 'saved');
      const flooder = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await flooder.opened;
      for (let i = 0; i < 40; i++) flooder.ws.send(syncStep1());
      await waitFor(() => flooder.code() !== null, 'flooder closed');
      assert.equal(flooder.code(), CLOSE.flood);
      const answers = flooder.types.filter((t) => t === MSG.sync).length / 2;
      assert.ok(answers <= 10, `${answers} sync answers`);
    });
  });

  describe(`pad connections per address (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [pad], config: { pad: { max_connections_per_address: 3 } } });
    });
    after(async () => server.close());

    it('beyond pad.max_connections_per_address sockets from one address, a new one is refused until one leaves (A3)', async () => {
      const { name } = await createPad(server.url);
      const sockets = [0, 1, 2].map(() => rawSocket(wsUrl(server.url, `/pad/${name}`)));
      await Promise.all(sockets.map((s) => s.opened));
      await Promise.all(sockets.map((s) => waitFor(() => s.types.includes(MSG.info), 'informed')));
      const fourth = rawSocket(wsUrl(server.url, `/pad/${name}`));
      await waitFor(() => fourth.code() !== null, 'fourth closed');
      assert.equal(fourth.code(), CLOSE.flood);
      assert.ok(sockets.every((s) => s.code() === null), 'the others stay');
      sockets[0]!.ws.close();
      await waitFor(() => sockets[0]!.code() !== null, 'first closed');
      let again = rawSocket(wsUrl(server.url, `/pad/${name}`));
      // The server counts the first one gone once its close reaches it.
      await waitFor(() => {
        if (again.types.includes(MSG.info)) return true;
        if (again.code() !== null) again = rawSocket(wsUrl(server.url, `/pad/${name}`));
        return false;
      }, 'a new socket is accepted');
      for (const s of [...sockets, again]) s.ws.close();
    });
  });
}
