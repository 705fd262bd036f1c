// Checks of what a client sends, as PrivateBin's FormatV2::isValid does: the exact keys, the adata
// shape, base64 fields, sane cipher parameters, and a ciphertext that does not look like plain text.
import { deflateRawSync } from 'node:zlib';
import type { MessageKey } from '../../i18n/index.js';

export const ID_RE = /^[a-f0-9]{16}$/;
const FORMATTERS = ['plaintext', 'syntaxhighlighting', 'markdown'];

export type CipherSpec = [string, string, number, number, number, string, string, string];
export interface PasteInput { kind: 'paste'; v: number; adata: unknown[]; ct: string; expire: string; burn: boolean; discussion: boolean }
export interface CommentInput { kind: 'comment'; v: number; adata: unknown[]; ct: string; pasteid: string; parentid: string }
export interface DeleteInput { kind: 'delete'; pasteid: string; deletetoken: string }
export type ApiInput = PasteInput | CommentInput | DeleteInput;

export class FormatError extends Error {
  constructor(readonly key: MessageKey, readonly status = 400) {
    super(String(key));
  }
}

const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (PHP's base64_decode($s, true) refuses anything else); null when invalid or empty. */
export function strictBase64(s: string): Buffer | null {
  if (s.length === 0 || !B64_RE.test(s)) return null;
  return Buffer.from(s, 'base64');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasExactly(o: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
}

function checkSpec(spec: unknown): void {
  if (!Array.isArray(spec) || spec.length < 8) throw new FormatError('paste.api.badAdata');
  const [iv, salt, iter, ks, ts, algo, mode, compression] = spec as unknown[];
  if (typeof iv !== 'string' || typeof salt !== 'string') throw new FormatError('paste.api.badAdata');
  if (!strictBase64(iv) || !strictBase64(salt)) throw new FormatError('paste.api.badBase64');
  if (iv.length > 24 || salt.length > 14) throw new FormatError('paste.api.badAdata');
  if (!Number.isInteger(iter) || (iter as number) <= 10000) throw new FormatError('paste.api.badAdata');
  if (![128, 192, 256].includes(ks as number) || ![64, 96, 128].includes(ts as number)) throw new FormatError('paste.api.badAdata');
  if (algo !== 'aes' || !['ctr', 'cbc', 'gcm'].includes(mode as string) || !['zlib', 'none'].includes(compression as string)) {
    throw new FormatError('paste.api.badAdata');
  }
}

function checkVersion(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 2) throw new FormatError('paste.api.badVersion');
  return v;
}

/** The ciphertext: strict base64, within the size limit, and not compressible (encrypted data never is). */
function checkCiphertext(ct: unknown, maxBytes: number): string {
  if (typeof ct !== 'string') throw new FormatError('paste.api.badData');
  if (ct.length > maxBytes) throw new FormatError('paste.api.tooLarge', 413);
  const raw = strictBase64(ct);
  if (!raw) throw new FormatError('paste.api.badBase64');
  if (raw.length > deflateRawSync(raw).length) throw new FormatError('paste.api.notEncrypted');
  return ct;
}

function bit(x: unknown): 0 | 1 {
  if (x !== 0 && x !== 1) throw new FormatError('paste.api.badAdata');
  return x;
}

/** Turns a parsed JSON body into a paste, a comment or a deletion, or throws a FormatError. */
export function parseApiBody(body: unknown, maxBytes: number): ApiInput {
  if (!isObject(body)) throw new FormatError('paste.api.badData');
  if (typeof body.pasteid === 'string' && body.pasteid !== '' && typeof body.deletetoken === 'string' && body.deletetoken !== '') {
    if (!ID_RE.test(body.pasteid)) throw new FormatError('paste.api.badId');
    return { kind: 'delete', pasteid: body.pasteid, deletetoken: body.deletetoken };
  }
  const isComment = typeof body.pasteid === 'string' && body.pasteid !== '' && typeof body.parentid === 'string' && body.parentid !== '';
  if (!hasExactly(body, isComment ? ['adata', 'v', 'ct', 'pasteid', 'parentid'] : ['adata', 'v', 'ct', 'meta'])) throw new FormatError('paste.api.badData');
  if (!Array.isArray(body.adata)) throw new FormatError('paste.api.badAdata');
  const adata = body.adata as unknown[];
  const v = checkVersion(body.v);
  if (isComment) {
    checkSpec(adata);
    if (adata.length !== 8) throw new FormatError('paste.api.badAdata');
    const ct = checkCiphertext(body.ct, maxBytes);
    const pasteid = body.pasteid as string;
    const parentid = body.parentid as string;
    if (!ID_RE.test(pasteid) || !ID_RE.test(parentid)) throw new FormatError('paste.api.badId');
    return { kind: 'comment', v, adata, ct, pasteid, parentid };
  }
  if (adata.length !== 4) throw new FormatError('paste.api.badAdata');
  checkSpec(adata[0]);
  if (typeof adata[1] !== 'string' || !FORMATTERS.includes(adata[1])) throw new FormatError('paste.api.badFormat');
  const discussion = bit(adata[2]);
  const burn = bit(adata[3]);
  if (discussion && burn) throw new FormatError('paste.api.burnAndDiscussion');
  const meta = body.meta;
  if (!isObject(meta) || !hasExactly(meta, ['expire'])) throw new FormatError('paste.api.badMeta');
  const ct = checkCiphertext(body.ct, maxBytes);
  return { kind: 'paste', v, adata, ct, expire: typeof meta.expire === 'string' ? meta.expire : '', burn: burn === 1, discussion: discussion === 1 };
}

/** Seconds of each expiry name (0: never), PrivateBin's table (a month is 30 days). */
export const EXPIRY_SECONDS: Record<string, number> = {
  '5min': 300,
  '10min': 600,
  '1hour': 3600,
  '1day': 86400,
  '1week': 604800,
  '1month': 2592000,
  '1year': 31536000,
  never: 0,
};
