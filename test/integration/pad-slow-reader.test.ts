// A pad reader that stops reading, over a real stalled TCP connection: the server cuts that one connection
// once more than 8 MiB wait in its socket, while the writer and the other readers go on and get every edit.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { pad } from '../../src/modules/pad/index.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import type { PadClient } from '../../src/modules/pad/client.js';
import { connect, createPad, type, textOfDoc, waitFor } from '../pad/helpers.js';

/** Text per edit: about 512 KiB on the wire, under the message limit set below. */
const CHUNK = 512 * 1024;
/** Far more than 8 MiB plus what the kernel can hold for a stalled socket: reaching it means nobody was cut. */
const CAP = 48 * 1024 * 1024;
const LONG = 60_000;

/**
 * Opens the pad's WebSocket as a bare TCP client (the handshake written by hand), waits for the server's
 * first message (the client is then in the room), and stops reading: nothing more is taken from the kernel.
 */
function openStalled(base: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: hostname, port: Number(port) });
    let head = Buffer.alloc(0);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET ${path}/ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!head.subarray(0, end).toString().startsWith('HTTP/1.1 101')) {
        socket.destroy();
        return reject(new Error(`no upgrade: ${head.subarray(0, end).toString()}`));
      }
      if (head.byteLength === end + 4) return; // upgraded; wait for the first message
      socket.off('data', onData);
      socket.pause();
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/** Length of the first paragraph's text (all our edits go there); cheap, unlike building the string. */
function textLength(doc: Y.Doc): number {
  const p = doc.getXmlFragment(FRAGMENT).get(0);
  const t = p instanceof Y.XmlElement ? p.get(0) : null;
  return t instanceof Y.XmlText ? t.length : 0;
}

describe('pad slow readers over a real connection', () => {
  let server: TestServer;
  const clients: PadClient[] = [];
  let stalled: Socket | null = null;

  before(async () => {
    // Big edits, often: enough to fill a stalled socket in a few dozen messages.
    server = await startTestServer({ modules: [pad], config: { pad: { max_pad_bytes: 256 * 1024 * 1024, max_message_bytes: 1024 * 1024, rate_per_connection: 1000 } } });
  });
  after(async () => {
    stalled?.destroy();
    for (const c of clients) c.destroy();
    await server.close();
  });

  it('cuts off the reader that does not read, and only it', { timeout: 240_000 }, async () => {
    const wss = (server.app as unknown as { websocketServer: WebSocketServer }).websocketServer;
    const { name } = await createPad(server.url);
    const writer = connect(server.url, `/pad/${name}`, { reconnect: false });
    const reader = connect(server.url, `/pad/${name}`, { reconnect: false });
    clients.push(writer, reader);
    await waitFor(() => writer.synced && reader.synced, 'writer and reader synced', LONG);
    const slow = await openStalled(server.url, `/pad/${name}`);
    stalled = slow;
    let slowClosed = false;
    slow.once('close', () => (slowClosed = true));
    assert.equal(wss.clients.size, 3, 'three connections to the pad');

    // The writer writes until the server lets the stalled connection go (it never reads a byte).
    let sent = 0;
    while (wss.clients.size === 3) {
      assert.ok(sent < CAP, `the stalled reader is still connected after ${sent} bytes were sent to it`);
      type(writer.doc, randomBytes((CHUNK * 3) / 4).toString('base64'));
      sent += CHUNK;
      await waitFor(() => textLength(reader.doc) === sent && writer.pending === 0, `the reader gets edit ${sent / CHUNK}, the writer its ack`, LONG);
    }
    assert.ok(sent > 8 * 1024 * 1024, 'cut off only past 8 MiB');

    // The others go on: one more edit, received and acknowledged, and the reader has the writer's whole text.
    type(writer.doc, ' fin');
    await waitFor(() => textLength(reader.doc) === sent + 4 && writer.pending === 0, 'the last edit reaches the reader', LONG);
    assert.equal(writer.status, 'online');
    assert.equal(reader.status, 'online');
    assert.equal(wss.clients.size, 2, 'the writer and the reader are still connected');
    assert.ok(textOfDoc(reader.doc) === textOfDoc(writer.doc), 'the reader has exactly the writer’s text');

    // The stalled client, reading again, finds its connection closed, without the rest of the text.
    let received = 0;
    slow.on('data', (chunk: Buffer) => (received += chunk.byteLength));
    slow.resume();
    await waitFor(() => slowClosed, 'the stalled connection closed', LONG);
    assert.ok(received < sent, `the stalled client got ${received} of ${sent} bytes: what it could not take was dropped`);
  });
});
