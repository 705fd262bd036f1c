// Unique pastes for the paste benchmarks, each one a real PrivateBin v2 paste (it decrypts with the
// key this maker holds): PrivateBin refuses a ciphertext it already has, so a side-by-side benchmark
// that reused bodies would measure its refusals. The client's PBKDF2 (100,000 iterations) is paid
// once for one key and salt; each paste then gets a fresh IV and one of 64 texts, encrypted with
// AES-GCM (microseconds), so the load generator keeps up with the servers.
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { ITERATIONS, encodeKey, newKey, type PasteAdata, type PastePayload } from '../web/paste/crypto.js';

const words = 'le chaton de Quimper héberge des services libres pour les associations du pays bigouden et au-delà'.split(' ');

/** A French-looking text of `n` characters, so that compression behaves as on real pastes. */
export function frenchText(n: number): string {
  let s = '';
  while (s.length < n) s += `${words[Math.floor(Math.random() * words.length)]} `;
  return s.slice(0, n);
}

export interface PasteMaker {
  /** A new paste body (JSON), never sent before. */
  next(): string;
  /** The key of every paste, base58 as in a link's fragment (to check one by decrypting it). */
  key: string;
}

export function pasteMaker(textBytes: number, expire = '1week'): PasteMaker {
  const key = newKey();
  const salt = randomBytes(8);
  // No password: the PBKDF2 material is the key alone, as in web/paste/crypto.ts.
  const aesKey = pbkdf2Sync(Buffer.from(key), salt, ITERATIONS, 32, 'sha256');
  const messages = Array.from({ length: 64 }, () => deflateRawSync(Buffer.from(JSON.stringify({ paste: frenchText(textBytes) }))));
  let n = 0;
  return {
    key: encodeKey(key),
    next() {
      const iv = randomBytes(16);
      const adata: PasteAdata = [[iv.toString('base64'), salt.toString('base64'), ITERATIONS, 256, 128, 'aes', 'gcm', 'zlib'], 'plaintext', 0, 0];
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(JSON.stringify(adata)));
      const ct = Buffer.concat([cipher.update(messages[n++ % messages.length]!), cipher.final(), cipher.getAuthTag()]).toString('base64');
      const body: PastePayload = { v: 2, adata, ct, meta: { expire } };
      return JSON.stringify(body);
    },
  };
}
