// Drop's download limit through the README's nginx configuration (Debian's nginx-light, started here on
// a free port with that configuration: TLS and the real domain replaced by plain HTTP on 127.0.0.1).
// Behind a proxy the server finishes sending long before the recipient has every byte, so only the
// browser's confirmation tells a complete download from a cut one. Skipped when nginx is absent,
// except in CI (.ci/run installs it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { bytes, owner, share } from './drop-support.js';
import { confirm, curl, fetchUntil } from './drop-download-support.js';

const NGINX = '/usr/sbin/nginx';
const MiB = 1024 * 1024;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The README's nginx example, made to run here: plain HTTP on `port`, chaton on `upstream`, files in `dir`. */
async function readmeNginxConfig(dir: string, port: number, upstream: number): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const example = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'the README has an nginx example');
  assert.match(example, /listen 443 ssl http2;/);
  const server = example
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate(_key)?\s.*$/gm, '')
    .replace(/server_name your\.domain;/, 'server_name localhost;')
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${upstream}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join('\n');
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
${temp}
${server}
}
`;
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx is not listening on ${port}`);
}

const missing = !existsSync(NGINX);
if (missing && process.env.CI) throw new Error(`${NGINX} is missing: .ci/run installs nginx-light`);

describe('drop download limits through the README’s nginx', { skip: missing ? `${NGINX} is not installed (Debian package nginx-light)` : false }, () => {
  let server: TestServer;
  let nginx: ChildProcess;
  let dir: string;
  let base: string;
  before(async () => {
    server = await startTestServer({ modules: [drop], config: { trust_proxy: true, drop: { chunk_bytes: MiB, max_file_bytes: 32 * MiB, max_total_bytes: 256 * MiB } } });
    dir = await mkdtemp(join(tmpdir(), 'chaton-nginx-'));
    await mkdir(join(dir, 'logs'));
    const port = await freePort();
    await writeFile(join(dir, 'nginx.conf'), await readmeNginxConfig(dir, port, Number(new URL(server.url).port)));
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
    await listening(port);
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    nginx?.kill('SIGTERM');
    await new Promise((r) => (nginx?.exitCode === null ? nginx.once('exit', r) : r(undefined)));
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const data = (id: string) => `${base}/drop/api/shares/${id}/data`;
  const info = (id: string) => fetch(`${base}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } });

  it('counts every complete curl download through the proxy, and never more than the limit', async () => {
    const { c, s } = await share(base, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 11) }], { downloads: 3 });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await curl(data(c.id)));
    assert.deepEqual(results.slice(0, 3), Array.from({ length: 3 }, () => ({ status: 200, size: s.bodies[0]!.length })), JSON.stringify(results));
    assert.ok(results.slice(3).every((r) => r.status === 404), JSON.stringify(results));
  });

  it('counts a browser download once, on its confirmation, and a cut one resumes without using up the last slot', async () => {
    const { c, s } = await share(base, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 12) }], { downloads: 2 });
    const body = s.bodies[0]!;
    // A complete download: not counted before the browser confirms, counted once after.
    const whole = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' });
    assert.deepEqual(new Uint8Array(whole.body), body);
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 0);
    assert.equal((await confirm(base, c.id, whole.ticket!)).counted, true);
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 1);
    // The last slot: cut 2 MB before the end (the server has long sent everything to nginx).
    const cut = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' }, body.length - 2 * MiB);
    assert.equal(cut.status, 200);
    assert.equal((await info(c.id)).status, 404, 'the slot is held for the recipient');
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 1, 'not counted');
    const rest = await fetchUntil(data(c.id), { 'x-drop-confirm': '1', 'x-drop-ticket': cut.ticket!, range: `bytes=${cut.body.length}-` });
    assert.equal(rest.status, 206);
    assert.deepEqual(new Uint8Array(Buffer.concat([cut.body, rest.body])), body);
    assert.equal((await confirm(base, c.id, cut.ticket!)).counted, true);
    assert.equal((await info(c.id)).status, 404);
  });

  it('HEAD through the proxy reserves nothing', async () => {
    const { c } = await share(base, [{ name: 'a', type: '', data: bytes(1000, 13) }], { downloads: 1 });
    for (let i = 0; i < 3; i++) assert.equal((await fetch(data(c.id), { method: 'HEAD' })).status, 200);
    assert.equal((await info(c.id)).status, 200);
  });
});
