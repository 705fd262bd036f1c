// `npm run bench:drop`: a 1 GiB file through Drop on loopback. Encrypts it with the Drop format in Node
// (web/drop/ece.ts), uploads the ciphertext chunk by chunk, downloads it back to disk, and checks it
// decrypts to the original; prints the throughputs next to a raw disk copy of the same file made in the
// same run, the server's peak RSS (VmHWM, its own process), and the encryption throughput in Chromium.
// BENCH_MIB changes the size (default 1024).
import { execSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { createHash, randomFillSync, randomBytes as nodeRandomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { decryptStream, encryptStream, fileIkm, randomBytes, shareIkm, toB64u, encryptManifest } from '../web/drop/ece.js';

const MIB = 1024 * 1024;
const size = Number(process.env.BENCH_MIB ?? 1024) * MIB;
const dir = await mkdtemp(join(tmpdir(), 'chaton-bench-drop-'));
const plainPath = join(dir, 'plain.bin');
const cipherPath = join(dir, 'cipher.bin');
const fmt = (bytes: number, ms: number) => `${((bytes / MIB) / (ms / 1000)).toFixed(0)} MiB/s`;
const now = () => performance.now();

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

// 1. The file (pseudo-random, incompressible), and a raw copy of it for reference.
{
  const fh = await open(plainPath, 'w');
  const block = Buffer.alloc(8 * MIB);
  for (let at = 0; at < size; at += block.length) await fh.write(randomFillSync(block), 0, Math.min(block.length, size - at));
  await fh.close();
}
const plainHash = await sha256(plainPath);
let t = now();
await pipeline(createReadStream(plainPath, { highWaterMark: MIB }), createWriteStream(join(dir, 'copy.bin')));
const copyMs = now() - t;
await rm(join(dir, 'copy.bin'));

// 2. Encryption in Node, to a ciphertext file (what a browser does before uploading).
const secret = randomBytes(16);
const salt = randomBytes(16);
const ikm = await shareIkm(secret, salt);
const key0 = await fileIkm(ikm, salt, 0);
t = now();
await pipeline(
  Readable.fromWeb(encryptStream(key0, Readable.toWeb(createReadStream(plainPath, { highWaterMark: MIB })) as ReadableStream<Uint8Array>) as import('node:stream/web').ReadableStream),
  createWriteStream(cipherPath),
);
const encMs = now() - t;
const cipherSize = (await stat(cipherPath)).size;

// 3. The server, in its own process, as an admin runs it: the compiled chaton (`npm run build`, then
// `chaton start`, all built-in modules), configured by CHATON_* variables, so its peak RSS is production's.
execSync('npm run build --silent', { stdio: 'inherit' });
// BENCH_NODE_FLAGS, e.g. "--max-semi-space-size=2", passes V8 flags to the server process.
const startServer = (data: string) =>
  spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), join('dist', 'src', 'cli', 'main.js'), 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      CHATON_CONFIG: join(data, 'none.toml'),
      CHATON_PORT: '0',
      CHATON_DATA_DIR: data,
      CHATON_LOG_LEVEL: 'silent',
      CHATON_SECRETS_SESSION: nodeRandomBytes(32).toString('base64url'),
      CHATON_DROP_MAX_FILE_BYTES: String(2 * 1024 ** 3),
      CHATON_DROP_MAX_TOTAL_BYTES: String(10 * 1024 ** 3),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
/** The server's base URL, from the line `chaton start` prints once it listens. */
const baseOf = (child: ReturnType<typeof startServer>) =>
  new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /is running: http:\/\/localhost:(\d+)\//.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
const server = startServer(join(dir, 'data'));
const base = await baseOf(server);
const peakRss = async (): Promise<number> => {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
};
const rssAtStart = await peakRss();

// 4. Upload: chunk by chunk, as the page does.
const manifest = await encryptManifest(ikm, salt, { files: [{ name: 'bench.bin', size, type: '' }] });
const created = await fetch(`${base}/drop/api/shares`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ files: [cipherSize], expiresIn: 3600, downloads: 1, salt: toB64u(salt), iterations: 0, manifest: toB64u(manifest) }),
});
if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
const share = (await created.json()) as { id: string; ownerToken: string; chunkBytes: number };
t = now();
{
  const fh = await open(cipherPath, 'r');
  const buf = Buffer.alloc(share.chunkBytes);
  for (let n = 0; n * share.chunkBytes < cipherSize; n++) {
    const { bytesRead } = await fh.read(buf, 0, share.chunkBytes, n * share.chunkBytes);
    const res = await fetch(`${base}/drop/api/shares/${share.id}/files/0/chunks/${n}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json', authorization: `Bearer ${share.ownerToken}` },
      body: buf.subarray(0, bytesRead),
    });
    if (res.status !== 200) throw new Error(`chunk ${n}: ${res.status} ${await res.text()}`);
  }
  await fh.close();
}
const fin = await fetch(`${base}/drop/api/shares/${share.id}/finalize`, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${share.ownerToken}` } });
if (fin.status !== 200) throw new Error(`finalize: ${fin.status}`);
const upMs = now() - t;

// 5. Download to disk (ciphertext), then decrypt and compare.
t = now();
const res = await fetch(`${base}/drop/api/shares/${share.id}/data`);
if (res.status !== 200 || !res.body) throw new Error(`download: ${res.status}`);
await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(join(dir, 'down.bin')));
const downMs = now() - t;
const serverPeak = await peakRss();
server.kill('SIGTERM');

t = now();
const hash = createHash('sha256');
await pipeline(
  Readable.fromWeb(decryptStream(key0, Readable.toWeb(createReadStream(join(dir, 'down.bin'), { highWaterMark: MIB })) as ReadableStream<Uint8Array>) as import('node:stream/web').ReadableStream),
  new Writable({ write(chunk: Buffer, _e, cb) { hash.update(chunk); cb(); } }),
);
const decMs = now() - t;
const identical = hash.digest('hex') === plainHash;

// 6. Encryption throughput in Chromium: the same web/drop/ece.ts, bundled, on 256 MiB made in the page.
let chromiumEnc: string;
try {
  const bundle = await build({ entryPoints: ['web/drop/ece.ts'], bundle: true, format: 'iife', globalName: 'ece', write: false, target: 'es2020' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const server2 = startServer(join(dir, 'data2'));
  const base2 = await baseOf(server2);
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base2}/drop/`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const ms = (await page.evaluate(`(async () => {
    const total = 256 * 1024 * 1024, piece = 1024 * 1024; let made = 0, out = 0;
    const src = new ReadableStream({ pull(c) { if (made >= total) return c.close(); const b = new Uint8Array(piece); crypto.getRandomValues(b.subarray(0, 65536)); made += piece; c.enqueue(b); } });
    const ikm = crypto.getRandomValues(new Uint8Array(16));
    const t0 = performance.now();
    const r = ece.encryptStream(ikm, src).getReader();
    for (;;) { const { done, value } = await r.read(); if (done) break; out += value.length; }
    return performance.now() - t0;
  })()`)) as number;
  chromiumEnc = fmt(256 * MIB, ms);
  await browser.close();
  server2.kill('SIGTERM');
} catch (err) {
  chromiumEnc = `failed: ${String(err)}`;
}

await rm(dir, { recursive: true, force: true });
console.log(`Drop, ${size / MIB} MiB file (${cipherSize} bytes encrypted), chunks of ${share.chunkBytes / MIB} MiB, loopback`);
console.log(`raw disk copy (stream)       ${fmt(size, copyMs)}  (${(copyMs / 1000).toFixed(1)} s)`);
console.log(`encryption, Node WebCrypto   ${fmt(size, encMs)}`);
console.log(`upload through the server    ${fmt(cipherSize, upMs)}  (${(upMs / 1000).toFixed(1)} s)`);
console.log(`download through the server  ${fmt(cipherSize, downMs)}  (${(downMs / 1000).toFixed(1)} s)`);
console.log(`decryption, Node WebCrypto   ${fmt(size, decMs)}  identical: ${identical}`);
console.log(`server peak RSS (VmHWM)      ${(serverPeak / MIB).toFixed(0)} MiB (after start: ${(rssAtStart / MIB).toFixed(0)} MiB; goal < 150 MiB)`);
console.log(`encryption in Chromium       ${chromiumEnc} (256 MiB)`);
if (!identical) process.exit(1);
