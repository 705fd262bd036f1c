// Load test of the pad: `npm run bench:pad`.
// Starts a chaton in a child process (SQLite in a temporary directory), then:
//  1. Etherpad's load-test profile on one pad, ramped step by step: each author inserts 4 characters
//     every 400 ms, 3 lurkers per author only listen. For each step it prints the authors, the p50/p95/p99
//     edit-to-remote latency (author's send → a lurker receives it), the server's CPU and RSS.
//  2. Many open pads with 2 clients each (one edit per pad), and the server's RSS.
// Protocol clients on loopback, in BENCH_WORKERS child processes (bench/pad-clients.ts); authors do not apply others' edits (as Etherpad's load test), lurkers
// only decode the headers of what they receive. Environment: BENCH_STEPS (e.g. "50,100,200"),
// BENCH_STEP_SECONDS (default 10), BENCH_PADS (default 2000), BENCH_SERVER_FLAGS (node flags for the server,
// e.g. "--cpu-prof --cpu-prof-dir=/tmp/padprof" to profile it).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/modules/pad/protocol.js';
import { openPadSocket } from './pad-socket.js';
import { FRAGMENT } from '../src/modules/pad/document.js';

const steps = (process.env.BENCH_STEPS ?? '25,50,100,200,300,400,500,600').split(',').map(Number);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 10);
const padCount = Number(process.env.BENCH_PADS ?? 2000);
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
    CHATON_PAD_RATE_PER_PAD: String(Math.max(...steps) * 5),
    CHATON_PAD_CREATIONS_PER_HOUR: String(padCount + 10),
    CHATON_PAD_MAX_CONNECTIONS_PER_ADDRESS: String(Math.max(...steps) * 2 + 100),
    CHATON_PAD_MAX_AUTHORS: String(Math.max(...steps) * 2 + 100),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
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
  const name = /^\/pad\/([^/]+)\/admin\//.exec(res.headers.get('location') ?? '')?.[1];
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

// ---- many pads ----
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
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
