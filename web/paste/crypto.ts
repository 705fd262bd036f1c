// PrivateBin's encryption format v2, in one place for the page script and the tests (WebCrypto only:
// the browser's, or Node's globalThis.crypto). The server never runs this: it sees only ciphertext.
//
// key      32 random bytes, base58 (Bitcoin alphabet) in the URL fragment: …/paste/?<id>#<key> ('#-' asks
//          for a confirmation first, for burn-after-reading links)
// derive   PBKDF2-HMAC-SHA256(key ‖ password bytes, salt 8 bytes, 100000 iterations) → AES-256 key
// encrypt  AES-GCM, IV 16 bytes, tag 128 bits appended; additional data = JSON.stringify(adata)
// message  JSON, UTF-8, raw DEFLATE when compression is "zlib"
import { deflateSync, inflateSync } from 'fflate';
import bs58 from 'bs58';

export const FORMATS = ['plaintext', 'syntaxhighlighting', 'markdown'] as const;
export type Formatter = (typeof FORMATS)[number];
export type Compression = 'zlib' | 'none';
/** [iv, salt, iterations, key size, tag size, "aes", mode, compression] */
export type CipherSpec = [string, string, number, number, number, string, string, string];
/** [cipher spec, formatter, open discussion, burn after reading] */
export type PasteAdata = [CipherSpec, string, number, number];

export interface PasteMessage {
  paste: string;
  attachment?: string[] | string;
  attachment_name?: string[] | string;
  /** Our extension (ignored by other clients): the highlighting language chosen by the writer. */
  language?: string;
}
export interface CommentMessage { comment: string; nickname?: string }

export interface PastePayload { v: 2; adata: PasteAdata; ct: string; meta: { expire: string } }
export interface CommentPayload { v: 2; adata: CipherSpec; ct: string; pasteid: string; parentid: string }

export const ITERATIONS = 100000;
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

// --- bytes ---------------------------------------------------------------------------------------

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** PrivateBin's page puts each UTF-16 unit of the password in one byte (its stringToArraybuffer). */
function passwordBytes(password: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(password.length);
  for (let i = 0; i < password.length; i++) out[i] = password.charCodeAt(i);
  return out;
}

// --- key in the fragment -------------------------------------------------------------------------

export function newKey(): Uint8Array {
  return randomBytes(32);
}

export function encodeKey(key: Uint8Array): string {
  return bs58.encode(key);
}

/** Reads the key from a fragment ("#key", "#-key", "key&utm=…"); base58 drops leading zeros, so re-pad to 32. */
export function decodeKey(fragment: string): Uint8Array {
  let s = fragment.replace(/^#/, '').replace(/^-/, '');
  const amp = s.indexOf('&');
  if (amp >= 0) s = s.slice(0, amp);
  if (s === '') throw new Error('no key');
  const raw = bs58.decode(s);
  if (raw.length > 32) throw new Error('key too long');
  const key = new Uint8Array(32);
  key.set(raw, 32 - raw.length);
  return key;
}

/** The link to share: the key never leaves the fragment, so it is never sent to a server. */
export function pasteLink(base: string, id: string, key: Uint8Array, burn: boolean): string {
  return `${base}?${id}#${burn ? '-' : ''}${encodeKey(key)}`;
}

// --- cipher --------------------------------------------------------------------------------------

async function deriveKey(key: Uint8Array, password: string, spec: CipherSpec): Promise<CryptoKey> {
  const pw = passwordBytes(password);
  const material = new Uint8Array(key.length + pw.length);
  material.set(key, 0);
  material.set(pw, key.length);
  const base = await subtle().importKey('raw', material, { name: 'PBKDF2' }, false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', salt: base64ToBytes(spec[1]), iterations: spec[2], hash: { name: 'SHA-256' } },
    base,
    { name: `AES-${spec[6].toUpperCase()}`, length: spec[3] },
    false,
    ['encrypt', 'decrypt'],
  );
}

function specOf(adata: PasteAdata | CipherSpec): CipherSpec {
  return (Array.isArray(adata[0]) ? adata[0] : adata) as CipherSpec;
}

export function makeSpec(compression: Compression, iv = randomBytes(16), salt = randomBytes(8)): CipherSpec {
  return [bytesToBase64(iv), bytesToBase64(salt), ITERATIONS, 256, 128, 'aes', 'gcm', compression];
}

/** Encrypts `message` under `adata` (whose cipher spec is already filled in); returns base64 ciphertext. */
export async function encryptWith(key: Uint8Array, password: string, message: unknown, adata: PasteAdata | CipherSpec): Promise<string> {
  const spec = specOf(adata);
  let data: Uint8Array<ArrayBuffer> = new TextEncoder().encode(JSON.stringify(message));
  // fflate's deflateSync is raw DEFLATE (no zlib header), which is what PrivateBin calls "zlib".
  if (spec[7] === 'zlib') data = deflateSync(data) as Uint8Array<ArrayBuffer>;
  const cryptoKey = await deriveKey(key, password, spec);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv: base64ToBytes(spec[0]), additionalData: new TextEncoder().encode(JSON.stringify(adata)), tagLength: spec[4] },
    cryptoKey,
    data,
  );
  return bytesToBase64(new Uint8Array(ct));
}

/** Decrypts and parses; throws when the key or the password is wrong (the GCM tag does not verify). */
export async function decrypt<T>(key: Uint8Array, password: string, ct: string, adata: PasteAdata | CipherSpec): Promise<T> {
  const spec = specOf(adata);
  if (spec[6] !== 'gcm') throw new Error('unsupported mode');
  const cryptoKey = await deriveKey(key, password, spec);
  const plain = new Uint8Array(
    await subtle().decrypt(
      { name: 'AES-GCM', iv: base64ToBytes(spec[0]), additionalData: new TextEncoder().encode(JSON.stringify(adata)), tagLength: spec[4] },
      cryptoKey,
      base64ToBytes(ct),
    ),
  );
  const bytes = spec[7] === 'zlib' ? inflateSync(plain) : plain;
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

export interface PasteOptions {
  format: Formatter;
  expire: string;
  discussion: boolean;
  burn: boolean;
  compression?: Compression;
}

export async function encryptPaste(key: Uint8Array, password: string, message: PasteMessage, o: PasteOptions): Promise<PastePayload> {
  const adata: PasteAdata = [makeSpec(o.compression ?? 'zlib'), o.format, o.discussion ? 1 : 0, o.burn ? 1 : 0];
  return { v: 2, adata, ct: await encryptWith(key, password, message, adata), meta: { expire: o.expire } };
}

export async function encryptComment(key: Uint8Array, password: string, message: CommentMessage, pasteid: string, parentid: string): Promise<CommentPayload> {
  const adata = makeSpec('zlib');
  return { v: 2, adata, ct: await encryptWith(key, password, message, adata), pasteid, parentid };
}

/** Attachments as lists, whether the writer's client sent single strings (older clients) or arrays. */
export function attachmentsOf(m: PasteMessage): { data: string; name: string }[] {
  const data = m.attachment === undefined ? [] : Array.isArray(m.attachment) ? m.attachment : [m.attachment];
  const names = m.attachment_name === undefined ? [] : Array.isArray(m.attachment_name) ? m.attachment_name : [m.attachment_name];
  return data.map((d, i) => ({ data: d, name: names[i] ?? `file-${i + 1}` }));
}
