// Helpers for the Drop tests: a Node client that speaks Drop's API with the same crypto as the
// browser (web/drop/ece.ts), and an S3-compatible server (s3rver) for the S3 blob store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import {
  decryptBytes, decryptManifest, encryptBytes, encryptManifest, fileIkm, fromB64u, randomBytes, shareIkm, toB64u, type Manifest,
} from '../../web/drop/ece.js';

export type BlobBackend = 'fs' | 's3';
export const blobBackends: BlobBackend[] = ['fs', 's3'];

export interface S3Server { config: Record<string, unknown>; close(): Promise<void> }

export async function startS3(): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'chaton-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'drop-test' }] });
  const address = (await server.run()) as AddressInfo;
  return {
    config: {
      backend: 's3',
      s3: { endpoint: `http://127.0.0.1:${address.port}`, bucket: 'drop-test', region: 'us-east-1', access_key: 'S3RVER', secret_key: 'S3RVER', force_path_style: true },
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface PlainFile { name: string; type: string; data: Uint8Array }

export interface SealedShare {
  secret: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  manifest: string;
  bodies: Uint8Array[];
}

export async function seal(files: PlainFile[], password?: string, iterations = 100_000): Promise<SealedShare> {
  const secret = randomBytes(16);
  const salt = randomBytes(16);
  const ikm = await shareIkm(secret, salt, password ? { text: password, iterations } : undefined);
  const manifest: Manifest = { files: files.map((f) => ({ name: f.name, size: f.data.length, type: f.type })) };
  const bodies: Uint8Array[] = [];
  for (const [i, f] of files.entries()) bodies.push(await encryptBytes(await fileIkm(ikm, salt, i), f.data));
  return { secret, salt, iterations: password ? iterations : 0, manifest: toB64u(await encryptManifest(ikm, salt, manifest)), bodies };
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

export interface Created { id: string; ownerToken: string; chunkBytes: number }

export async function create(base: string, s: SealedShare, opts: { downloads?: number; expiresIn?: number } = {}): Promise<Response> {
  return fetch(`${base}/drop/api/shares`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ files: s.bodies.map((b) => b.length), expiresIn: opts.expiresIn ?? 3600, downloads: opts.downloads ?? 1, salt: toB64u(s.salt), iterations: s.iterations, manifest: s.manifest }),
  });
}

export function putChunk(base: string, c: Created, f: number, n: number, body: Uint8Array): Promise<Response> {
  return fetch(`${base}/drop/api/shares/${c.id}/files/${f}/chunks/${n}`, {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream', authorization: `Bearer ${c.ownerToken}` },
    body: body as BodyInit,
  });
}

export function owner(base: string, c: Created, path: string, method = 'GET'): Promise<Response> {
  return fetch(`${base}/drop/api/shares/${c.id}${path}`, { method, headers: { accept: 'application/json', authorization: `Bearer ${c.ownerToken}` } });
}

/** Uploads every chunk of every file from where the server says it is, then finalizes. */
export async function uploadRest(base: string, c: Created, s: SealedShare): Promise<void> {
  const progress = (await (await owner(base, c, '/upload')).json()) as { files: { received: number; chunks: number }[] };
  for (const [f, body] of s.bodies.entries()) {
    const file = progress.files[f]!;
    for (let n = file.received; n < file.chunks; n++) {
      const res = await putChunk(base, c, f, n, body.subarray(n * c.chunkBytes, (n + 1) * c.chunkBytes));
      if (res.status !== 200) throw new Error(`chunk ${f}/${n}: ${res.status} ${await res.text()}`);
    }
  }
  const fin = await owner(base, c, '/finalize', 'POST');
  if (fin.status !== 200) throw new Error(`finalize: ${fin.status} ${await fin.text()}`);
}

export async function share(base: string, files: PlainFile[], opts: { downloads?: number; password?: string } = {}): Promise<{ c: Created; s: SealedShare }> {
  const s = await seal(files, opts.password);
  const res = await create(base, s, opts);
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  const c = (await res.json()) as Created;
  await uploadRest(base, c, s);
  return { c, s };
}

/** What a receiver does: read the public info, decrypt the manifest, download and decrypt. */
export async function receive(base: string, id: string, secret: Uint8Array, password?: string): Promise<{ manifest: Manifest; files: Uint8Array[] }> {
  const info = (await (await fetch(`${base}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } })).json()) as { salt: string; iterations: number; manifest: string; files: number[] };
  const salt = fromB64u(info.salt);
  const ikm = await shareIkm(secret, salt, password ? { text: password, iterations: info.iterations } : undefined);
  const manifest = await decryptManifest(ikm, salt, fromB64u(info.manifest));
  const res = await fetch(`${base}/drop/api/shares/${id}/data?file=all`);
  if (res.status !== 200) throw new Error(`data: ${res.status}`);
  const all = new Uint8Array(await res.arrayBuffer());
  const files: Uint8Array[] = [];
  let at = 0;
  for (const [i, size] of info.files.entries()) {
    files.push(await decryptBytes(await fileIkm(ikm, salt, i), all.subarray(at, at + size)));
    at += size;
  }
  return { manifest, files };
}

export function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
