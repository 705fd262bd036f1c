// Load test of the pad: `npm run bench:pad`.
// Starts a chaton in a child process (SQLite in a temporary directory), then:
//  1. Etherpad's load-test profile on one pad, ramped step by step: each author inserts 4 characters
//     every 400 ms, 3 lurkers per author only listen. For each step it prints the authors, the p50/p95/p99
//     edit-to-remote latency (author's send → a lurker receives it), the server's CPU and RSS.
//     After the ramp it prints what the pad takes in the database: checkpoints, update log, document.
//  2. Joining a big pad: a pad of BENCH_JOIN_BYTES (2 MB) with BENCH_JOIN_CLIENTS (1,000) connected clients
//     (a quarter of them typing), BENCH_JOINS newcomers one after the other: time from connecting to a
//     usable document (received and applied to a Y.Doc), p50/p95.
//  3. Many open pads with 2 clients each (one edit per pad), and the server's RSS.
// Protocol clients on loopback, in BENCH_WORKERS child processes (bench/pad-clients.ts); authors do not apply others' edits (as Etherpad's load test), lurkers
// only decode the headers of what they receive. Environment: BENCH_STEPS (e.g. "50,100,200"),
// BENCH_STEP_SECONDS (default 10), BENCH_PADS (default 2000), BENCH_SERVER_FLAGS (node flags for the server,
// e.g. "--cpu-prof --cpu-prof-dir=/tmp/padprof" to profile it), BENCH_SCENARIOS (default "ramp,join,pads").
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import SQLite from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MSG, encodeUpdate } from '../src/modules/pad/protocol.js';
import { openPadSocket } from './pad-socket.js';
import { FRAGMENT } from '../src/modules/pad/document.js';

const steps = (process.env.BENCH_STEPS ?? '25,50,100,200,300,400,500,600').split(',').map(Number);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 10);
const padCount = Number(process.env.BENCH_PADS ?? 2000);
const scenarios = new Set((process.env.BENCH_SCENARIOS ?? 'ramp,join,pads').split(','));
const joinClients = Number(process.env.BENCH_JOIN_CLIENTS ?? 1000);
const joinBytes = Number(process.env.BENCH_JOIN_BYTES ?? 2_000_000);
const joinCount = Number(process.env.BENCH_JOINS ?? 40);
const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-pad-'));

// ---- the server ----
const serverFlags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...serverFlags, '--import', 'tsx', 'src/cli/main.ts', 'start'], {
  env: {
    ...process.env,
    CHATON_CONFIG: join(dataDir, 'none.toml'),
    CHATON_PORT: '0',
    CHATON_DATA_DIR: dataDir,
    CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
    CHATON_LOG_LEVEL: 'warn',
    // Every bench client comes from 127.0.0.1: the per-pad, per-address and author limits must allow the largest step.
    CHATON_PAD_RATE_PER_PAD: String(Math.max(Math.max(...steps) * 5, joinClients * 2)),
    CHATON_PAD_CREATIONS_PER_HOUR: String(padCount + 10),
    CHATON_PAD_MAX_AUTHORS: String(Math.max(...steps) * 2 + 100),
    // The join scenario's pad is 2 MB and grows while people type in it.
    CHATON_PAD_MAX_PAD_BYTES: String(joinBytes * 2),
    CHATON_PAD_MAX_CONNECTIONS_PER_ADDRESS: String(Math.max(Math.max(...steps) * 4, joinClients) + 200),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The server goes with the bench, whatever ends it.
process.on('exit', () => child.kill('SIGKILL'));
process.on('uncaughtException', (err) => {
  console.error(err);
  process.exit(1);
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const port = /is running: http:\/\/localhost:(\d+)\//.exec(out)?.[1];
    if (port) resolve(`http://127.0.0.1:${port}`);
  });
  child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
});
const pid = child.pid!;
const ticks = 100; // USER_HZ on Linux

async function cpuSeconds(): Promise<number> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / ticks;
}
async function rssMiB(): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// ---- creating pads through the form ----
let cookie = '';
let csrf = '';
async function createPad(): Promise<string> {
  if (!csrf) {
    const res = await fetch(`${base}/pad/`);
    cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  }
  const res = await fetch(`${base}/pad/`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}&name=` });
  const name = /^\/pad\/([^/#?]+)/.exec(res.headers.get('location') ?? '')?.[1];
  if (!name) throw new Error(`pad creation answered ${res.status}`);
  return name;
}

// ---- protocol clients, in BENCH_WORKERS processes (default 2) so the load generator is not the limit ----
const open = (name: string): Promise<WebSocket> => openPadSocket(base, name);

interface Worker { child: ChildProcess; ask(message: object, answer: string): Promise<Record<string, unknown>> }

function startWorker(name: string): Promise<Worker> {
  const child = fork(join('bench', 'pad-clients.ts'), [base, name], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message: object, answer: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (answer in m) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      child.send(message);
    });
  return new Promise((resolve) => child.once('message', () => resolve({ child, ask })));
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

console.log(`# chaton pad bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? '?'} — Node ${process.version}`);
const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a pad takes in the server's database (read beside it): checkpoints, update log, its document. */
function storedPad(pad: string): string {
  const db = new SQLite(join(dataDir, 'chaton.sqlite'), { readonly: true });
  try {
    const cps = db.prepare('select state, upto from pad_checkpoints where pad = ? order by upto').all(pad) as { state: Buffer; upto: number }[];
    const log = db.prepare('select count(*) as n, coalesce(sum(length(data)), 0) as bytes from pad_updates where pad = ?').get(pad) as { n: number; bytes: number };
    const last = cps.at(-1);
    const tail = db.prepare('select data from pad_updates where pad = ? and id > ? order by id').all(pad, last?.upto ?? 0) as { data: Buffer }[];
    // Applied in one transaction (merging 100,000 small updates at once is far slower).
    const ydoc = new Y.Doc();
    ydoc.transact(() => {
      if (last) Y.applyUpdate(ydoc, new Uint8Array(last.state));
      for (const t of tail) Y.applyUpdate(ydoc, new Uint8Array(t.data));
    });
    const doc = Y.encodeStateAsUpdate(ydoc).byteLength;
    ydoc.destroy();
    const checkpoints = cps.reduce((n, c) => n + c.state.byteLength, 0);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    return `${cps.length} checkpoints ${mb(checkpoints)} MB, log ${log.n} updates ${mb(log.bytes)} MB, document ${mb(doc)} MB: checkpoints + log = ${((checkpoints + log.bytes) / (doc + log.bytes)).toFixed(2)} × (document + log)`;
  } finally {
    db.close();
  }
}

if (scenarios.has('ramp')) {
  console.log(`# one pad, authors insert 4 chars every 400 ms, 3 lurkers per author, ${stepSeconds} s per step, clients in ${process.env.BENCH_WORKERS ?? 2} processes (bench and server share the machine)`);
  console.log('authors\tlurkers\tedits\tp50 ms\tp95 ms\tp99 ms\tserver CPU %\tserver RSS MiB');
  const name = await createPad();
  const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(name)));
  for (const target of steps) {
    await Promise.all(workers.map((w, i) => w.ask({ grow: Math.floor(target / workerCount) + (i < target % workerCount ? 1 : 0) }, 'grown')));
    await new Promise((r) => setTimeout(r, 1500)); // settle
    await Promise.all(workers.map((w) => w.ask({ measure: true }, 'latencies')));
    const cpu0 = await cpuSeconds();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, stepSeconds * 1000));
    const cpu = ((await cpuSeconds()) - cpu0) / ((Date.now() - t0) / 1000) * 100;
    const latencies = (await Promise.all(workers.map((w) => w.ask({ measure: true }, 'latencies')))).flatMap((m) => m.latencies as number[]);
    console.log([target, target * 3, latencies.length, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), cpu.toFixed(0), (await rssMiB()).toFixed(0)].join('\t'));
    if (pct(latencies, 95) > 2000) {
      console.log('# p95 above 2 s: stopping the ramp');
      break;
    }
  }
  for (const w of workers) w.child.send({ stop: true });
  await Promise.all(workers.map((w) => new Promise((r) => w.child.once('exit', r))));
  await new Promise((r) => setTimeout(r, 2000));

  console.log(`# the pad in the database: ${storedPad(name)}`);
}

// ---- joining a big pad ----
if (scenarios.has('join')) {
  console.log(`\n# joining a ${(joinBytes / 1e6).toFixed(1)} MB pad with ${joinClients} clients connected (${Math.floor(joinClients / 4)} typing), ${joinCount} newcomers one after the other`);
  const pad = await createPad();
  // Fill it: paragraphs of 50,000 characters, each edit acknowledged before the next.
  const filler = new Y.Doc();
  let seq = 0;
  let acked = 0;
  const fillSocket = await openPadSocket(base, pad, (data) => {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) === MSG.ack) acked = decoding.readVarUint(d);
  });
  filler.on('update', (u: Uint8Array) => fillSocket.send(encodeUpdate(++seq, u)));
  while (Y.encodeStateAsUpdate(filler).byteLength < joinBytes) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(randomBytes(37_500).toString('base64'))]);
    filler.getXmlFragment(FRAGMENT).push([p]);
    while (acked < seq) await pause(20);
    await pause(100); // the per-connection rate
  }
  fillSocket.close();
  const authors = Math.floor(joinClients / 4);
  const joinWorkers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(pad)));
  await Promise.all(joinWorkers.map((w, i) => w.ask({ grow: Math.floor(authors / workerCount) + (i < authors % workerCount ? 1 : 0) }, 'grown')));
  await pause(1500);
  const received: number[] = [];
  const usable: number[] = [];
  const cpu0 = await cpuSeconds();
  const t0 = Date.now();
  for (let i = 0; i < joinCount; i++) {
    const doc = new Y.Doc();
    const start = performance.now();
    let got = 0;
    let done: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (done = resolve));
    const ws = await openPadSocket(base, pad, (data) => {
      const d = decoding.createDecoder(data);
      if (decoding.readVarUint(d) !== MSG.sync) return;
      if (decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep1) {
        // The server's step 1 follows the whole document: it is here and applied.
        received.push(got - start);
        usable.push(performance.now() - start);
        done();
      } else {
        got = performance.now();
        Y.applyUpdate(doc, decoding.readVarUint8Array(d));
      }
    });
    await ready;
    ws.close();
    doc.destroy();
    await pause(250);
  }
  const cpu = ((await cpuSeconds()) - cpu0) / ((Date.now() - t0) / 1000) * 100;
  console.log('newcomers\tdocument received p50 ms\tp95 ms\tusable (applied) p50 ms\tp95 ms\tmax ms\tserver CPU %\tserver RSS MiB');
  const f = (v: number) => v.toFixed(0);
  console.log([usable.length, f(pct(received, 50)), f(pct(received, 95)), f(pct(usable, 50)), f(pct(usable, 95)), f(Math.max(...usable)), cpu.toFixed(0), (await rssMiB()).toFixed(0)].join('\t'));
  for (const w of joinWorkers) w.child.send({ stop: true });
  await Promise.all(joinWorkers.map((w) => new Promise((r) => w.child.once('exit', r))));
  console.log(`# the pad in the database: ${storedPad(pad)}`);
  await pause(2000);
}

// ---- many pads ----
if (scenarios.has('pads')) {
  console.log(`\n# ${padCount} pads with 2 clients each (one edit per pad)`);
  const rss0 = await rssMiB();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < padCount; i++) {
    const pad = await createPad();
    const a = await open(pad);
    sockets.push(a, await open(pad));
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => a.send(encodeUpdate(1, u)));
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Bonjour')]);
    doc.getXmlFragment(FRAGMENT).insert(0, [p]);
  }
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`pads\tclients\tserver RSS MiB (before: ${rss0.toFixed(0)})`);
  console.log(`${padCount}\t${sockets.length}\t${(await rssMiB()).toFixed(0)}`);
  for (const s of sockets) s.close();
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
