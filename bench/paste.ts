// `npm run bench:paste`: create and read throughput of the paste API (PrivateBin v2), with p50/p99
// latency. Every create sends a paste never sent before (bench/paste-bodies.ts): PrivateBin refuses a
// ciphertext it already has, and the same load must drive both.
//
//   npm run bench:paste                          chaton in this process, on SQLite (and on PostgreSQL when
//                                                CHATON_TEST_PG_URL or BENCH_PG_URL is set)
//   npm run bench:paste -- --workers auto        also `chaton start` with workers = auto (or a number), SQLite
//   npm run bench:paste -- --target privatebin=http://127.0.0.1:8081/ [--target chaton=http://…/paste/]
//                                                servers already running: driven in turns (BENCH_ROUNDS rounds,
//                                                alternating), each figure the median of its rounds, and the
//                                                ratio of every target to the first
//
// BENCH_SECONDS (per phase), BENCH_CONNECTIONS and BENCH_TEXT_BYTES change the load. A target's rate
// limit must be off (chaton: paste.rate_limit_max; PrivateBin: [traffic] limit = 0), see docs/benchmarks.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { parseConfig } from '../src/config/load.js';
import { createCore } from '../src/core.js';
import { buildApp } from '../src/server/app.js';
import { paste } from '../src/modules/paste/index.js';
import { createPgDatabase } from '../test/helpers/server.js';
import { startInstance, stopInstance } from '../test/helpers/process.js';
import { pasteMaker } from './paste-bodies.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const textBytes = Number(process.env.BENCH_TEXT_BYTES ?? 1024);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const pgAdmin = process.env.BENCH_PG_URL ?? process.env.CHATON_TEST_PG_URL ?? '';
const { values: args } = parseArgs({ options: { workers: { type: 'string' }, target: { type: 'string', multiple: true } } });

const maker = pasteMaker(textBytes);
const sample = maker.next();

interface Row { target: string; phase: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

/** Creates for `duration` seconds against the API at `url` (ending with '/'); keeps the new ids. */
async function create(url: string, duration: number, ids: string[]): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: maker.next() }),
        onResponse: (status, body) => {
          if (status !== 200 || ids.length >= 200_000) return;
          const id = (JSON.parse(body) as { id?: unknown }).id;
          if (typeof id === 'string') ids.push(id);
        },
      },
    ],
  });
}

/** Reads the pastes `ids` back in JSON mode, for `duration` seconds. */
async function read(url: string, duration: number, ids: string[]): Promise<autocannon.Result> {
  const path = new URL(url).pathname;
  let i = 0;
  return autocannon({
    url,
    connections,
    duration,
    headers: { 'x-requested-with': 'JSONHttpRequest' },
    requests: [{ setupRequest: (req) => ({ ...req, path: `${path}?${ids[i++ % ids.length]}` }) }],
  });
}

function row(target: string, phase: string, r: autocannon.Result): Row {
  return { target, phase, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

/** One round against `url`: a short warm-up, then creates, then reads of what was created. */
async function measure(target: string, url: string, warmUp: boolean): Promise<Row[]> {
  const ids: string[] = [];
  if (warmUp) await create(url, 2, ids);
  const created = row(target, 'create', await create(url, seconds, ids));
  if (ids.length === 0) throw new Error(`${target}: no paste was created (${created.non2xx} refused); is its rate limit off?`);
  if (warmUp) await read(url, 2, ids);
  return [created, row(target, 'read', await read(url, seconds, ids))];
}

/** A chaton with only the paste module in this process (logs silent, no rate limit). */
async function inProcess(target: string, databaseUrl: string): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-paste-'));
  const config = parseConfig({
    port: 0,
    data_dir: dataDir,
    log_level: 'silent',
    secrets: { session: randomBytes(32).toString('base64url') },
    database: { url: databaseUrl },
    paste: { rate_limit_max: 100_000_000 },
  });
  const core = await createCore(config, { log: pino({ level: 'silent' }), runJobs: false, modules: [paste] });
  const app = await buildApp(core);
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    return await measure(target, `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/paste/`, true);
  } finally {
    await app.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `chaton start` in its own process(es): the workers mode, on SQLite. */
async function started(target: string, workers: string): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-paste-'));
  const instance = await startInstance({
    ...process.env,
    CHATON_CONFIG: join(dataDir, 'none.toml'),
    CHATON_PORT: '0',
    CHATON_DATA_DIR: dataDir,
    CHATON_LOG_LEVEL: 'silent',
    CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
    CHATON_WORKERS: workers,
    CHATON_PASTE_RATE_LIMIT_MAX: '100000000',
  });
  try {
    return await measure(target, `${instance.url}/paste/`, true);
  } finally {
    await stopInstance(instance);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The median of each target's rounds, phase by phase. */
function medians(all: Row[]): Row[] {
  const out: Row[] = [];
  for (const key of [...new Set(all.map((r) => `${r.target}\u0000${r.phase}`))]) {
    const [target, phase] = key.split('\u0000') as [string, string];
    const mine = all.filter((r) => r.target === target && r.phase === phase).sort((a, b) => a.rps - b.rps);
    out.push({ ...mine[Math.floor(mine.length / 2)]!, errors: mine.reduce((a, r) => a + r.errors, 0), non2xx: mine.reduce((a, r) => a + r.non2xx, 0) });
  }
  return out;
}

const rows: Row[] = [];
if (args.target?.length) {
  const targets = args.target.map((t) => {
    const at = t.indexOf('=');
    if (at < 1) throw new Error(`--target name=url, not "${t}"`);
    return { name: t.slice(0, at), url: t.slice(at + 1) };
  });
  const all: Row[] = [];
  // Alternating rounds: a change of the machine's load (it is shared) falls on every target alike.
  for (let r = 0; r < rounds; r++) for (const t of targets) all.push(...(await measure(t.name, t.url, r === 0)));
  rows.push(...medians(all));
} else {
  rows.push(...(await inProcess('chaton (SQLite, 1 process)', '')));
  if (args.workers) rows.push(...(await started(`chaton (SQLite, workers = ${args.workers})`, args.workers)));
  if (pgAdmin) {
    process.env.CHATON_TEST_PG_URL = pgAdmin;
    const pg = await createPgDatabase();
    try {
      rows.push(...(await inProcess('chaton (PostgreSQL, 1 process)', pg.url)));
    } finally {
      await pg.drop();
    }
  } else {
    console.log('(PostgreSQL skipped: set CHATON_TEST_PG_URL or BENCH_PG_URL)');
  }
}

console.log(`\n${seconds} s per phase, ${connections} connections, pastes of ${textBytes} characters (request body ≈ ${sample.length} bytes), every paste unique\n`);
console.log('| target | operation | requests/s | p50 latency | p99 latency | errors | non-2xx | requests |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.target} | ${r.phase} | ${r.rps} | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${r.non2xx} | ${r.total} |`);
const first = rows[0]?.target;
const others = [...new Set(rows.map((r) => r.target))].filter((t) => t !== first);
for (const t of others) {
  for (const phase of ['create', 'read']) {
    const a = rows.find((r) => r.target === first && r.phase === phase);
    const b = rows.find((r) => r.target === t && r.phase === phase);
    if (a && b && b.rps > 0) console.log(`${first} / ${t}, ${phase}: ${(a.rps / b.rps).toFixed(2)}×`);
  }
}
if (rows.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
