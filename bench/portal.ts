// Load test of the portal's public pages: `npm run bench:portal`.
// Starts a chaton (SQLite in a temporary directory, an external service, a published member charter,
// logs silent), warms up, then runs autocannon on the home page and a charter page.
// BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) change the load.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { parseConfig } from '../src/config/load.js';
import { createCore } from '../src/core.js';
import { buildApp } from '../src/server/app.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-'));
const config = parseConfig({
  port: 0,
  data_dir: dataDir,
  log_level: 'silent',
  secrets: { session: randomBytes(32).toString('base64url') },
  chaton: { name: 'Chaton de Quimper', place: 'Quimper', description_fr: 'Services libres pour le pays de Quimper', description_en: 'Free services around Quimper' },
  services: {
    external: [
      { id: 'cloud', kind: 'nextcloud', name: 'Nextcloud', description_fr: 'Vos fichiers, agendas et contacts', description_en: 'Your files, calendars and contacts', url: 'https://cloud.example.org', opening: 'members', software_name: 'Nextcloud' },
    ],
  },
});
const core = await createCore(config, { log: pino({ level: 'silent' }), runJobs: false });
const charter = Array.from({ length: 12 }, (_, i) => `## Article ${i + 1}\n\nLes membres s’engagent à respecter les autres et le matériel commun. Le chaton ne revend aucune donnée et n’affiche aucune publicité.\n`).join('\n');
await core.db.insertInto('charters').values({ kind: 'member', version: 1, body_md: `# Charte des membres\n\n${charter}`, summary: 'première version', published_at: Date.now(), published_by: 'bench' }).execute();
const app = await buildApp(core);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

interface Figures { path: string; requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

async function measure(path: string, duration: number): Promise<Figures> {
  const r = await autocannon({ url: base + path, connections, duration, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
  return { path, requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

try {
  let charterPath = '/charters/member';
  const probe = await fetch(base + charterPath);
  await probe.body?.cancel();
  if (probe.status !== 200) {
    console.log(`${charterPath} answered ${probe.status}: the charter pages are not there yet, measuring / twice instead.`);
    charterPath = '/';
  }
  console.log(`chaton portal benchmark: ${seconds} s per page, ${connections} connections, ${base}`);
  await measure('/', 2); // warm-up: JIT, SQLite page cache
  await measure(charterPath, 2);
  const results = [await measure('/', seconds), await measure(charterPath, seconds)];
  console.log('\n| page | requests/s | p50 latency | p99 latency | errors | non-2xx | requests |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const f of results) console.log(`| \`${f.path}\` | ${f.requestsPerSecond.toFixed(0)} | ${f.p50} ms | ${f.p99} ms | ${f.errors} | ${f.non2xx} | ${f.total} |`);
  if (results.some((f) => f.errors > 0 || f.non2xx > 0)) process.exitCode = 1;
} finally {
  await app.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
}
