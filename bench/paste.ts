// `npm run bench:paste`: create and read throughput of the paste API (PrivateBin v2), with p50/p99
// latency, on SQLite and, when CHATON_TEST_PG_URL (or BENCH_PG_URL) is set, on a fresh PostgreSQL database.
// Each backend: a chaton with the paste module in this process (logs silent, no rate limit), then
// autocannon POSTs encrypted pastes for BENCH_SECONDS, then GETs them back in JSON mode (the read path
// that a browser uses after decryption is asked for). Pastes are encrypted here beforehand, as a browser
// would; the server only stores and returns ciphertext. BENCH_CONNECTIONS and BENCH_TEXT_BYTES change the load.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { parseConfig } from '../src/config/load.js';
import { createCore } from '../src/core.js';
import { buildApp } from '../src/server/app.js';
import { paste } from '../src/modules/paste/index.js';
import { pasteDb } from '../src/modules/paste/store.js';
import { encryptPaste, newKey } from '../web/paste/crypto.js';
import { createPgDatabase } from '../test/helpers/server.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const textBytes = Number(process.env.BENCH_TEXT_BYTES ?? 1024);
const pgAdmin = process.env.BENCH_PG_URL ?? process.env.CHATON_TEST_PG_URL ?? '';

// A French-looking text of the requested size, so that compression behaves as on real pastes.
const words = 'le chaton de Quimper héberge des services libres pour les associations du pays bigouden et au-delà'.split(' ');
function text(n: number): string {
  let s = '';
  while (s.length < n) s += `${words[Math.floor(Math.random() * words.length)]} `;
  return s.slice(0, n);
}

// 20 distinct payloads (PBKDF2 with 100000 iterations is the client's cost, not the server's).
const bodies: string[] = [];
for (let i = 0; i < 20; i++) {
  bodies.push(JSON.stringify(await encryptPaste(newKey(), '', { paste: text(textBytes) }, { format: 'plaintext', expire: '1week', burn: false, discussion: false })));
}
const avgCt = Math.round(bodies.reduce((a, b) => a + b.length, 0) / bodies.length);

interface Row { backend: string; phase: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

async function run(backend: string, databaseUrl: string): Promise<Row[]> {
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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const rows: Row[] = [];
  const record = (phase: string, r: autocannon.Result): void => {
    rows.push({ backend, phase, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total });
  };
  try {
    let n = 0;
    const create = (duration: number) =>
      autocannon({
        url: `${url}/paste/`,
        connections,
        duration,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'JSONHttpRequest' },
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
      });
    await create(2); // warm-up
    record('create (POST /paste/)', await create(seconds));

    const ids = (await pasteDb(core).selectFrom('paste_pastes').select('id').execute()).map((r) => r.id);
    let i = 0;
    const read = (duration: number) =>
      autocannon({
        url,
        connections,
        duration,
        headers: { 'x-requested-with': 'JSONHttpRequest' },
        requests: [{ setupRequest: (req) => ({ ...req, path: `/paste/?${ids[i++ % ids.length]}` }) }],
      });
    await read(2);
    record('read (GET /paste/?id, JSON)', await read(seconds));
  } finally {
    await app.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

const rows = await run('SQLite', '');
if (pgAdmin) {
  process.env.CHATON_TEST_PG_URL = pgAdmin;
  const pg = await createPgDatabase();
  try {
    rows.push(...(await run('PostgreSQL', pg.url)));
  } finally {
    await pg.drop();
  }
} else {
  console.log('(PostgreSQL skipped: set CHATON_TEST_PG_URL or BENCH_PG_URL)');
}

console.log(`\n${seconds} s per phase, ${connections} connections, pastes of ${textBytes} characters (request body ≈ ${avgCt} bytes)\n`);
console.log('| backend | operation | requests/s | p50 latency | p99 latency | errors | non-2xx | requests |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.backend} | ${r.phase} | ${r.rps} | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${r.non2xx} | ${r.total} |`);
if (rows.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
