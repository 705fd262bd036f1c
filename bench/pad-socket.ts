// A pad protocol client's WebSocket for the benchmarks: opened, with the first sync step sent.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MSG } from '../src/modules/pad/protocol.js';

/** Opens /pad/<name>/ws on `base` and asks for the document; `onMessage` gets every binary message. */
export function openPadSocket(base: string, name: string, onMessage?: (data: Uint8Array) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/pad/${name}/ws`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MSG.sync);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
      ws.send(encoding.toUint8Array(e));
      resolve(ws);
    });
    ws.once('error', reject);
    if (onMessage) ws.on('message', (d: Buffer) => onMessage(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
  });
}
