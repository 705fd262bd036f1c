// Benchmark of the directory: `npm run bench:directory`.
// Generates a federation of 1,000 organizations × 10 services (11,001 ChatonsInfos files) served locally,
// each organization by its own small HTTP server on its own loopback address (127.0.1.1, 127.0.1.2…, as
// real chatons each serve their own files, so the crawler's per-host politeness applies as in real life;
// each answers ETag/304), crawls it into a chaton with embedded SQLite, crawls it again with nothing
// changed, then measures the latency of filtered list pages. BENCH_ORGS, BENCH_HOSTS (default: one per
// organization) and BENCH_DELAY_MS (politeness delay) change the run.
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../src/config/load.js';
import { createCore } from '../src/core.js';
import { buildApp } from '../src/server/app.js';
import { crawlFederation } from '../src/federation/crawler/crawl.js';
import { writeProperties } from '../src/federation/chatonsinfos/index.js';

const ORGS = Number(process.env.BENCH_ORGS ?? 1000);
const SERVICES = 10;
const HOSTS = Number(process.env.BENCH_HOSTS ?? ORGS);

// A small deterministic random generator, so every run crawls the same federation.
let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const SOFTWARE = ['Etherpad', 'Framadate', 'PrivateBin', 'Lufi', 'Nextcloud', 'Jitsi Meet', 'Mastodon', 'PeerTube', 'FreshRSS', 'Wekan', 'HedgeDoc', 'Polr'];
const REGISTRATION = ['None', 'None', 'Free', 'Member', 'Client'];
const TYPES = ['ASSOCIATION', 'INFORMAL', 'COOPERATIVE', 'MICROCOMPANY', 'COMPANY', 'INDIVIDUAL'];
const LEVELS = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'IDLE', 'AWAY', ''];
const COUNTRIES = ['FR', 'FR', 'FR', 'BE', 'CH', 'CA'];

interface File { body: string; etag: string }
const files = new Map<string, File>(); // "host/path" → file
const put = (host: string, path: string, entries: Record<string, string>): void => {
  const body = writeProperties(entries);
  files.set(`${host}${path}`, { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
};

const hosts = Array.from({ length: HOSTS }, (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
const servers: Server[] = [];
let port = 0;
for (const host of hosts) {
  const server = createServer((req, res) => {
    const file = files.get(`${host}${req.url ?? ''}`);
    if (!file) return res.writeHead(404).end();
    if (req.headers['if-none-match'] === file.etag) return res.writeHead(304, { etag: file.etag }).end();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag: file.etag }).end(file.body);
  });
  // One port for all hosts: the first server picks it, the others bind their own address to it.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  servers.push(server);
}
const base = (host: string): string => `http://${host}:${port}`;

const head = (cls: string, url: string): Record<string, string> => ({ 'file.class': cls, 'file.protocol': 'ChatonsInfos-0.5', 'file.datetime': '2026-11-21T05:00:00', 'file.generator': 'bench', 'file.url': url });
const federation: Record<string, string> = { ...head('Federation', `${base(hosts[0]!)}/federation.properties`), 'federation.name': 'Bench', 'federation.description': 'Generated', 'federation.website': 'https://chatons.example.org/', 'federation.contact.email': 'a@example.org' };
for (let o = 0; o < ORGS; o++) {
  const host = hosts[o % HOSTS]!;
  const orgUrl = `${base(host)}/o${o}/organization.properties`;
  federation[`subs.o${o}`] = orgUrl;
  const org: Record<string, string> = {
    ...head('Organization', orgUrl),
    'organization.name': `Chaton ${o} ${pick(['des Alpes', 'de Quimper', 'du Nord', 'Libre', 'Solidaire', 'des Champs'])}`,
    'organization.description': 'Un hébergeur alternatif, transparent, ouvert, neutre et solidaire.',
    'organization.type': pick(TYPES),
    'organization.memberof.chatons.status.level': pick(LEVELS),
    'organization.country.code': pick(COUNTRIES),
    'organization.geolocation.latitude': (43 + rand() * 7).toFixed(4),
    'organization.geolocation.longitude': (-4 + rand() * 11).toFixed(4),
    'organization.geolocation.address': pick(['Quimper', 'Grenoble', 'Lille', 'Lyon', 'Bruxelles', 'Genève', 'Montréal']),
    'organization.funding.liberapay': `https://liberapay.com/c${o}`,
  };
  for (let s = 0; s < SERVICES; s++) {
    const url = `${base(host)}/o${o}/service-${s}.properties`;
    org[`subs.s${s}`] = url;
    put(host, `/o${o}/service-${s}.properties`, {
      ...head('Service', url),
      'service.name': `Service ${s}`,
      'service.website': `${base(host)}/o${o}/s${s}/`,
      'service.registration': pick(REGISTRATION),
      'service.status.level': 'ON',
      'software.name': pick(SOFTWARE),
      'host.name': 'Hébergeur',
    });
  }
  put(host, `/o${o}/organization.properties`, org);
}
put(hosts[0]!, '/federation.properties', federation);

const dataDir = await mkdtemp(join(tmpdir(), 'chaton-bench-dir-'));
const config = parseConfig({
  port: 0,
  data_dir: dataDir,
  log_level: 'silent',
  secrets: { session: randomBytes(32).toString('base64url') },
  directory: { enabled: true, allow_private_addresses: true, ...(process.env.BENCH_DELAY_MS ? { per_host_delay_ms: Number(process.env.BENCH_DELAY_MS) } : {}) },
});
const core = await createCore(config, { log: pino({ level: 'silent' }), runJobs: false });
const app = await buildApp(core);
await app.listen({ port: 0, host: '127.0.0.1' });
const site = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

try {
  const d = config.directory;
  console.log(`chaton directory benchmark: ${ORGS} organizations × ${SERVICES} services (${files.size} files) on ${HOSTS} hosts`);
  console.log(`crawler: ${d.concurrency} requests at once, ${d.per_host_concurrency} per host, ${d.per_host_delay_ms} ms between requests to a host`);
  const full = await crawlFederation(core.db, config, `${base(hosts[0]!)}/federation.properties`);
  console.log(`full crawl: ${(full.durationMs / 1000).toFixed(1)} s — ${full.files} files, ${full.fetched} fetched, ${full.errors} errors, ${full.organizations} organizations, ${full.services} services (goal < 60 s)`);
  const again = await crawlFederation(core.db, config, `${base(hosts[0]!)}/federation.properties`);
  console.log(`re-crawl, nothing changed: ${(again.durationMs / 1000).toFixed(1)} s — ${again.notModified} not modified, ${again.fetched} fetched, ${again.errors} errors (goal < 10 s)`);

  const pages = [
    '/directory?kind=pad&conditions=none',
    '/directory?country=BE&type=ASSOCIATION',
    '/directory?q=quimper&status=active',
    '/directory?software=Nextcloud&conditions=members&conditions=free&page=3',
    '/directory?kind=poll&lat=47.99&lon=-4.1',
    '/directory?conditions=paid&status=gestation&page=2',
  ];
  for (const p of pages) await (await fetch(site + p)).text(); // warm-up
  const times: number[] = [];
  const byPage = new Map<string, number[]>(pages.map((p) => [p, []]));
  for (let i = 0; i < 50; i++) {
    for (const p of pages) {
      const t0 = performance.now();
      const res = await fetch(site + p, { headers: { 'accept-language': 'fr' } });
      await res.text();
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
      times.push(performance.now() - t0);
      byPage.get(p)!.push(performance.now() - t0);
    }
  }
  for (const [p, t] of byPage) console.log(`  ${p}: p50 ${percentile(t, 50).toFixed(1)} ms, p95 ${percentile(t, 95).toFixed(1)} ms`);
  console.log(`filtered list page (${times.length} requests, one at a time, ${pages.length} filter sets): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (goal p95 < 50 ms)`);
  if (full.errors || again.errors || again.fetched) process.exitCode = 1;
} finally {
  await app.close();
  await core.close();
  for (const s of servers) s.close();
  await rm(dataDir, { recursive: true, force: true });
}
