// Joining a busy pad: a newcomer gets the document first, then who is there; and what it gets is the
// whole pad however many edits were made since the previous newcomer (issue 13: joining a big pad was slow).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { MSG } from '../../src/modules/pad/protocol.js';
import { connect, createPad, type, textOfDoc, waitFor, wsUrl } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';

interface Joined { kinds: string[]; doc: Y.Doc; ws: WebSocket }

/** A raw protocol newcomer: sends an empty state vector and notes what it receives, in order. */
async function join(url: string, until: (j: Joined) => boolean): Promise<Joined> {
  const ws = new WebSocket(url);
  const joined: Joined = { kinds: [], doc: new Y.Doc(), ws };
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(d);
    if (type === MSG.sync) {
      const step = decoding.readVarUint(d);
      joined.kinds.push(step === syncProtocol.messageYjsSyncStep1 ? 'step1' : 'document');
      if (step !== syncProtocol.messageYjsSyncStep1) Y.applyUpdate(joined.doc, decoding.readVarUint8Array(d));
    } else joined.kinds.push(type === MSG.awareness ? 'presence' : type === MSG.info ? 'info' : String(type));
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  syncProtocol.writeSyncStep1(e, new Y.Doc());
  ws.send(encoding.toUint8Array(e));
  await waitFor(() => until(joined), 'the newcomer has what it waits for');
  return joined;
}

describe('joining a pad', () => {
  let server: TestServer;
  const clients: PadClient[] = [];
  before(async () => {
    server = await startTestServer({ backend: 'sqlite', modules: [pad] });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  it('a newcomer gets the document before the presence of the people there', async () => {
    const { name } = await createPad(server.url);
    const a = connect(server.url, `/pad/${name}`);
    clients.push(a);
    await waitFor(() => a.synced, 'a synced');
    a.awareness!.setLocalStateField('user', { name: 'Alice', color: '#ffadad', author: 'alice-0001' });
    type(a.doc, 'Bonjour');
    await waitFor(() => a.pending === 0, 'a saved');
    const j = await join(wsUrl(server.url, `/pad/${name}`), (x) => x.kinds.includes('presence') && x.kinds.includes('step1'));
    j.ws.close();
    assert.equal(textOfDoc(j.doc), 'Bonjour');
    assert.ok(j.kinds.indexOf('document') < j.kinds.indexOf('presence'), j.kinds.join(', '));
  });

  it('every newcomer gets the whole pad, however much was written between two of them', async () => {
    const { name } = await createPad(server.url);
    const a = connect(server.url, `/pad/${name}`);
    clients.push(a);
    await waitFor(() => a.synced, 'a synced');
    // Small edits between newcomers, then more than 64 KiB of them (the kept encoding is made again).
    for (const [edits, size] of [[1, 10], [5, 10], [40, 2000], [3, 10]] as const) {
      for (let i = 0; i < edits; i++) {
        type(a.doc, String(i % 10).repeat(size));
        await waitFor(() => a.pending === 0, 'a saved');
      }
      const expected = textOfDoc(a.doc);
      const j = await join(wsUrl(server.url, `/pad/${name}`), (x) => x.kinds.includes('step1'));
      j.ws.close();
      assert.equal(textOfDoc(j.doc), expected);
    }
  });
});
