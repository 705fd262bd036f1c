// A load-generating process for bench/pad.ts: it opens authors (4 characters every 400 ms, Etherpad's
// profile) and lurkers on one pad, and measures the edit-to-remote latency of its own authors' edits as
// seen by its measuring lurkers. Driven over IPC: {grow: n} → {grown}, {measure: true} → {latencies}.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MSG, encodeUpdate } from '../src/modules/pad/protocol.js';
import { openPadSocket } from './pad-socket.js';
import { FRAGMENT } from '../src/modules/pad/document.js';

const [base = '', name = ''] = process.argv.slice(2);
const sendTimes = new Map<number, [number, number][]>();
let latencies: number[] = [];
const authors: Author[] = [];
const sockets: WebSocket[] = [];
let lurkerCount = 0;

async function open(onMessage?: (data: Uint8Array) => void): Promise<WebSocket> {
  const ws = await openPadSocket(base, name, onMessage);
  sockets.push(ws);
  return ws;
}

class Author {
  readonly doc = new Y.Doc();
  private seq = 0;
  constructor(readonly ws: WebSocket) {
    sendTimes.set(this.doc.clientID, []);
    this.doc.on('update', (update: Uint8Array) => {
      ws.send(encodeUpdate(++this.seq, update));
      const log = sendTimes.get(this.doc.clientID)!;
      log.push([Y.getState(this.doc.store, this.doc.clientID), Date.now()]);
      if (log.length > 200) log.splice(0, 100);
    });
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText()]);
    this.doc.getXmlFragment(FRAGMENT).insert(0, [p]);
    const text = p.get(0) as Y.XmlText;
    setTimeout(() => setInterval(() => text.insert(text.length, Math.random().toString(36).slice(2, 6)), 400), Math.random() * 400);
  }
}

/** A lurker that measures: reads the state vector of each update it receives. */
function measuringLurker(): (data: Uint8Array) => void {
  const seen = new Map<number, number>();
  return (data) => {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MSG.sync || decoding.readVarUint(d) !== syncProtocol.messageYjsUpdate) return;
    const now = Date.now();
    const { to } = Y.parseUpdateMeta(decoding.readVarUint8Array(d));
    for (const [client, clock] of to) {
      const log = sendTimes.get(client);
      if (!log) continue;
      const from = seen.get(client) ?? 0;
      for (const [c, t] of log) if (c > from && c <= clock) latencies.push(now - t);
      seen.set(client, Math.max(from, clock));
    }
  };
}

process.on('message', (m: { grow?: number; measure?: boolean; stop?: boolean }) => {
  void (async () => {
    if (m.grow !== undefined) {
      while (authors.length < m.grow) {
        authors.push(new Author(await open()));
        // One measuring lurker in 50 (decoding every update costs the load generator CPU).
        for (let i = 0; i < 3; i++) await open(lurkerCount++ % 50 === 0 ? measuringLurker() : undefined);
      }
      process.send!({ grown: authors.length });
    } else if (m.measure) {
      process.send!({ latencies });
      latencies = [];
    } else if (m.stop) {
      for (const s of sockets) s.close();
      setTimeout(() => process.exit(0), 500);
    }
  })();
});
process.send!({ ready: true });
