// nginx in front of a test server, configured from the README's example (TLS and the real domain replaced
// by plain HTTP on 127.0.0.1, files in a temporary directory). Debian's nginx-light at /usr/sbin/nginx;
// tests skip when it is absent, except in CI (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

/** Why nginx tests are skipped, or false when they run; throws in CI when nginx is missing. */
export function nginxSkip(): string | false {
  if (existsSync(NGINX)) return false;
  if (process.env.CI) throw new Error(`${NGINX} is missing: .ci/run installs nginx-light`);
  return `${NGINX} is not installed (Debian package nginx-light)`;
}

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

export interface Nginx { url: string; close(): Promise<void> }

/** Starts nginx with the README's configuration in front of the server at `upstreamUrl`. */
export async function startNginx(upstreamUrl: string): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'chaton-nginx-'));
  await mkdir(join(dir, 'logs'));
  const port = await freePort();
  await writeFile(join(dir, 'nginx.conf'), await readmeNginxConfig(dir, port, Number(new URL(upstreamUrl).port)));
  const nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await listening(port);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
