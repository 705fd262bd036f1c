// The Drop format, in ONE place shared by the browser bundle, the service worker and the Node tests
// (WebCrypto only: globalThis.crypto.subtle). Described with test vectors in docs/drop-format.md.
//
// - A share has a secret S (16 random bytes, in the URL fragment) and a public salt (16 bytes).
// - With a password, IKM = S ‖ PBKDF2-SHA256(password, salt, iterations, 32 bytes); else IKM = S.
// - The manifest (names, sizes, types) is AES-128-GCM under HKDF(IKM, salt, "chaton-drop/v1 manifest").
// - File i is an RFC 8188 "aes128gcm" stream whose input keying material is
//   HKDF(IKM, salt, "chaton-drop/v1 file <i>"), records of RECORD_SIZE bytes.
// - encryptFrom gives the same stream from any offset (resuming an upload after a reload).

import { truncateText } from '../../src/i18n/text-length.js';
import { HEADER_SIZE, RECORD_SIZE, TAG_SIZE, encryptedSize } from '../../src/modules/drop/sizes.js';

export { HEADER_SIZE, RECORD_SIZE, TAG_SIZE, encryptedSize, plainSizeOf } from '../../src/modules/drop/sizes.js';
export const PBKDF2_ITERATIONS = 600_000;
const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();

// ---------- encodings ----------

export function toB64u(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64u(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('invalid base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------- key derivation ----------

async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array | string, length: number): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', ikm as BufferSource, 'HKDF', false, ['deriveBits']);
  const infoBytes = typeof info === 'string' ? enc.encode(info) : info;
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: infoBytes as BufferSource }, key, length * 8);
  return new Uint8Array(bits);
}

/** The share's input keying material: the secret, and the password stretched by PBKDF2 when there is one. */
export async function shareIkm(secret: Uint8Array, salt: Uint8Array, password?: { text: string; iterations: number }): Promise<Uint8Array> {
  if (secret.length < 16) throw new Error('secret too short');
  if (!password) return secret;
  const key = await subtle.importKey('raw', enc.encode(password.text.normalize('NFC')) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const stretched = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: password.iterations }, key, 256);
  return concat(secret, new Uint8Array(stretched));
}

/** The RFC 8188 input keying material of file `index`. */
export function fileIkm(ikm: Uint8Array, salt: Uint8Array, index: number): Promise<Uint8Array> {
  return hkdf(ikm, salt, `chaton-drop/v1 file ${index}`, 16);
}

// ---------- manifest ----------

export interface ManifestFile { name: string; size: number; type: string }
export interface Manifest { files: ManifestFile[] }

const MANIFEST_INFO = 'chaton-drop/v1 manifest';
const MANIFEST_PAD = 256;

/** iv(12) ‖ AES-128-GCM(JSON padded with spaces to a multiple of 256 bytes). */
export async function encryptManifest(ikm: Uint8Array, salt: Uint8Array, manifest: Manifest, iv = randomBytes(12)): Promise<Uint8Array> {
  const raw = await hkdf(ikm, salt, MANIFEST_INFO, 16);
  const key = await subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt']);
  const json = enc.encode(JSON.stringify({ v: 1, files: manifest.files }));
  const padded = new Uint8Array(Math.ceil((json.length + 1) / MANIFEST_PAD) * MANIFEST_PAD).fill(0x20);
  padded.set(json);
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, padded as BufferSource);
  return concat(iv, new Uint8Array(ct));
}

/** Throws when the key or the password is wrong (the GCM tag does not match). */
export async function decryptManifest(ikm: Uint8Array, salt: Uint8Array, sealed: Uint8Array): Promise<Manifest> {
  const raw = await hkdf(ikm, salt, MANIFEST_INFO, 16);
  const key = await subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['decrypt']);
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, 12) as BufferSource }, key, sealed.subarray(12) as BufferSource);
  const data = JSON.parse(new TextDecoder().decode(plain)) as { v?: number; files?: unknown };
  if (data.v !== 1 || !Array.isArray(data.files)) throw new Error('unknown manifest version');
  const files = data.files.map((f: unknown) => {
    const o = f as Record<string, unknown>;
    return { name: truncateText(String(o.name ?? 'file'), 255), size: Number(o.size) || 0, type: String(o.type ?? '') };
  });
  return { files };
}

// ---------- RFC 8188 aes128gcm ----------

interface RecordKeys { key: CryptoKey; nonce: Uint8Array }

async function recordKeys(ikm: Uint8Array, salt: Uint8Array, usage: KeyUsage): Promise<RecordKeys> {
  const cek = await hkdf(ikm, salt, enc.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(ikm, salt, enc.encode('Content-Encoding: nonce\0'), 12);
  return { key: await subtle.importKey('raw', cek as BufferSource, 'AES-GCM', false, [usage]), nonce };
}

function nonceFor(base: Uint8Array, seq: number): Uint8Array {
  const n = base.slice();
  // XOR the record sequence number into the last 6 bytes (enough for 2^48 records).
  for (let i = 0; i < 6; i++) n[11 - i] = n[11 - i]! ^ (Math.floor(seq / 2 ** (8 * i)) & 0xff);
  return n;
}

interface EncryptOptions {
  rs?: number;
  salt?: Uint8Array;
  /** Internal (encryptFrom): the input starts at this record, and the header is left out. */
  firstRecord?: number;
}

/** Encrypts a stream of plaintext into an aes128gcm stream (header, then one record per rs bytes). */
export function encryptStream(ikm: Uint8Array, input: ReadableStream<Uint8Array>, opts: EncryptOptions = {}): ReadableStream<Uint8Array> {
  const rs = opts.rs ?? RECORD_SIZE;
  const salt = opts.salt ?? randomBytes(16);
  const size = rs - TAG_SIZE - 1;
  let keys: RecordKeys;
  let seq = opts.firstRecord ?? 0;
  let pending: Uint8Array = new Uint8Array(0);
  const seal = async (plain: Uint8Array, last: boolean): Promise<Uint8Array> => {
    const rec = new Uint8Array(plain.length + 1);
    rec.set(plain);
    rec[plain.length] = last ? 2 : 1;
    const ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonceFor(keys.nonce, seq++) as BufferSource }, keys.key, rec as BufferSource);
    return new Uint8Array(ct);
  };
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      keys = await recordKeys(ikm, salt, 'encrypt');
      if (seq > 0) return;
      const header = new Uint8Array(HEADER_SIZE);
      header.set(salt);
      new DataView(header.buffer).setUint32(16, rs);
      controller.enqueue(header);
    },
    async transform(chunk, controller) {
      pending = pending.length ? concat(pending, chunk) : chunk;
      // Keep at least one byte back: only flush() knows which record is the last.
      let at = 0;
      while (pending.length - at > size) {
        controller.enqueue(await seal(pending.subarray(at, at + size), false));
        at += size;
      }
      pending = pending.slice(at);
    },
    async flush(controller) {
      controller.enqueue(await seal(pending, true));
    },
  });
  return input.pipeThrough(transform);
}

/**
 * The aes128gcm stream of `file` from byte `offset` on: byte-identical to what encryptStream gives
 * with the same key and salt (deterministic: the nonce of record k is NONCE XOR k), without reading
 * the plaintext before the record that holds `offset` (Blob.slice). Resumes an upload at any chunk.
 */
export function encryptFrom(ikm: Uint8Array, file: Blob, salt: Uint8Array, offset: number, rs = RECORD_SIZE): ReadableStream<Uint8Array> {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error('bad offset');
  if (offset >= encryptedSize(file.size, rs)) return new ReadableStream({ start: (controller) => controller.close() });
  const size = rs - TAG_SIZE - 1;
  // Record k holds the offset (record 0 when the offset is in the header, which is then included).
  const k = offset < HEADER_SIZE ? 0 : Math.floor((offset - HEADER_SIZE) / rs);
  const streamStart = k === 0 ? 0 : HEADER_SIZE + k * rs;
  let skip = offset - streamStart;
  const stream = encryptStream(ikm, file.slice(k * size).stream() as ReadableStream<Uint8Array>, { rs, salt, firstRecord: k });
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (skip >= chunk.length) {
          skip -= chunk.length;
          return;
        }
        controller.enqueue(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      },
    }),
  );
}

/** Decrypts an aes128gcm stream; errors on a wrong key, a modified record or a truncated stream. */
export function decryptStream(ikm: Uint8Array, input: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let keys: RecordKeys | null = null;
  let rs = 0;
  let seq = 0;
  let done = false;
  let pending: Uint8Array = new Uint8Array(0);
  const open = async (record: Uint8Array, atEnd: boolean): Promise<Uint8Array> => {
    if (done) throw new Error('data after the last record');
    if (!keys) throw new Error('no header');
    const plain = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonceFor(keys.nonce, seq++) as BufferSource }, keys.key, record as BufferSource));
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--; // padding
    const delimiter = plain[end];
    if (delimiter === 2) done = true;
    else if (delimiter !== 1 || atEnd) throw new Error(delimiter === 1 ? 'truncated stream' : 'bad record delimiter');
    return plain.subarray(0, end);
  };
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      pending = pending.length ? concat(pending, chunk) : chunk;
      if (!keys) {
        if (pending.length < HEADER_SIZE) return;
        const idlen = pending[20]!;
        if (pending.length < HEADER_SIZE + idlen) return;
        rs = new DataView(pending.buffer, pending.byteOffset).getUint32(16);
        if (rs < 18) throw new Error('bad record size');
        keys = await recordKeys(ikm, pending.slice(0, 16), 'decrypt');
        pending = pending.slice(HEADER_SIZE + idlen);
      }
      // A full record is the last one only if nothing follows: keep it until more data comes.
      let at = 0;
      while (pending.length - at > rs) {
        controller.enqueue(await open(pending.subarray(at, at + rs), false));
        at += rs;
      }
      pending = pending.slice(at);
    },
    async flush(controller) {
      if (!keys || pending.length === 0) throw new Error('truncated stream');
      controller.enqueue(await open(pending, true));
    },
  });
  return input.pipeThrough(transform);
}

// ---------- helpers for whole buffers (tests, small files) ----------

export function streamOf(bytes: Uint8Array, piece = 1 << 20): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(...parts);
    parts.push(value);
  }
}

export async function encryptBytes(ikm: Uint8Array, plain: Uint8Array, opts: { rs?: number; salt?: Uint8Array } = {}): Promise<Uint8Array> {
  return collect(encryptStream(ikm, streamOf(plain), opts));
}

export async function decryptBytes(ikm: Uint8Array, sealed: Uint8Array): Promise<Uint8Array> {
  return collect(decryptStream(ikm, streamOf(sealed)));
}
