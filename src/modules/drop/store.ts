// Drop's shares: creation with quotas, chunk by chunk upload (in order, each chunk its own blob
// drop/<id>/<file>/<n>), finalization, downloads counted atomically, deletion. The server holds only
// ciphertext and public KDF parameters, never a key.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Core } from '../../core.js';
import { AppError } from '../../server/errors.js';
import type { DropSharesTable, DropTables } from './tables.js';
import { encryptedSize, plainSizeOf } from './sizes.js';
import { checkNewUpload, holdSpace, withQuota } from './quota.js';
import { formatBytes } from '../../i18n/bytes.js';

/** The longest report reason, in code points (src/i18n/text-length.ts). */
export const REPORT_MAX_CHARS = 1000;

export const MAX_FILES = 100;
export const MAX_MANIFEST_CHARS = 64 * 1024;
/** A download that has not finished after this long is considered dead and its slot released. */
export const DOWNLOAD_LEASE_MS = 12 * 3600 * 1000;
/** An upload not finalized within this long is deleted. */
export const UPLOAD_DEADLINE_MS = 24 * 3600 * 1000;
/**
 * A chunk being written is a temporary file (or an S3 multipart upload) touched at every write; one
 * untouched for this long was cut by a crash and is removed by deletions and the orphan job.
 */
export const TMP_GRACE_MS = 10 * 60 * 1000;
export const MIN_ITERATIONS = 100_000;
export const MAX_ITERATIONS = 10_000_000;

export type DropDb = Kysely<DropTables>;
export type Share = DropSharesTable;

export function dropDb(core: Core): DropDb {
  return core.db.withTables<DropTables>() as unknown as DropDb;
}

export function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function chunkKey(id: string, file: number, n: number): string {
  return `drop/${id}/${file}/${n}`;
}

/** Number of chunks of a file of `size` ciphertext bytes, and the size of chunk n. */
export function chunkCount(size: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(size / chunkBytes));
}
export function chunkSize(size: number, chunkBytes: number, n: number): number {
  return Math.min(chunkBytes, size - n * chunkBytes);
}

export interface CreateInput {
  files: number[];
  expiresInSeconds: number;
  maxDownloads: number;
  keySalt: string;
  kdfIterations: number;
  manifest: string;
  /** The creator's hashed address: it holds the declared space until uploaded (quota.ts). */
  creatorHash: string;
  /** The language of the error messages (sizes are written the French or English way). */
  lang: 'fr' | 'en';
}

export async function createShare(core: Core, input: CreateInput): Promise<{ id: string; ownerToken: string; chunkBytes: number }> {
  const cfg = core.config.drop;
  const maxCipher = encryptedSize(cfg.max_file_bytes);
  for (const size of input.files) {
    if (size > maxCipher) throw new AppError(413, 'drop.error.fileTooBig', { max: formatBytes(cfg.max_file_bytes, input.lang) });
    if (plainSizeOf(size) < 0) throw new AppError(400, 'drop.error.badSize');
  }
  const total = input.files.reduce((a, b) => a + b, 0);
  const id = newId(12);
  const ownerToken = newId(24);
  const now = Date.now();
  const chunkBytes = cfg.chunk_bytes;
  // The quota check and the insert are one step (quota.ts).
  await withQuota(core, async (trx) => {
    await checkNewUpload(core, trx, input, total, now);
    await trx
      .insertInto('drop_shares')
      .values({
        id, owner_hash: hashToken(ownerToken), state: 'uploading', key_salt: input.keySalt, kdf_iterations: input.kdfIterations,
        manifest: input.manifest, total_bytes: total, chunk_bytes: chunkBytes, file_count: input.files.length,
        expires_in_seconds: input.expiresInSeconds, max_downloads: input.maxDownloads, downloads: 0, reserved: 0,
        created_at: now, expires_at: now + UPLOAD_DEADLINE_MS, creator_hash: input.creatorHash, active_at: now,
      })
      .execute();
    await trx
      .insertInto('drop_files')
      .values(input.files.map((size, idx) => ({ share_id: id, idx, size, chunks: chunkCount(size, chunkBytes), received: 0 })))
      .execute();
  });
  return { id, ownerToken, chunkBytes };
}

export async function findShare(db: DropDb, id: string): Promise<Share | undefined> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
  return db.selectFrom('drop_shares').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A share anyone may see: finalized, not expired, downloads left. */
export function isServable(share: Share | undefined, now = Date.now()): share is Share {
  return !!share && share.state === 'ready' && share.expires_at > now && share.reserved < share.max_downloads;
}

/** The share, if `token` is its owner token; else a 404 (no hint whether the share exists). */
export async function ownedShare(db: DropDb, id: string, token: string | undefined): Promise<Share> {
  const share = await findShare(db, id);
  if (!share || !token || share.expires_at <= Date.now()) throw new AppError(404, 'drop.error.unknown');
  const a = Buffer.from(share.owner_hash, 'hex');
  const b = Buffer.from(hashToken(token), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError(404, 'drop.error.unknown');
  return share;
}

export async function files(db: DropDb, id: string) {
  return db.selectFrom('drop_files').selectAll().where('share_id', '=', id).orderBy('idx').execute();
}

/** Passes the bytes through, failing the stream if there are more or fewer than `expected`. */
function exactly(expected: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > expected ? new AppError(400, 'drop.error.chunkSize', { expected }) : null, chunk);
    },
    flush(done) {
      done(seen !== expected ? new AppError(400, 'drop.error.chunkSize', { expected }) : null);
    },
  });
}

/**
 * Stores chunk n of file f: chunks come in order, each exactly its expected size, each once. The body
 * streams to the blob store (written aside, then renamed): a cut upload leaves nothing behind.
 */
export async function putChunk(core: Core, share: Share, f: number, n: number, body: Readable, declared: number, creatorHash: string): Promise<{ next: number }> {
  const db = dropDb(core);
  if (share.state !== 'uploading') throw new AppError(409, 'drop.error.finalized');
  const file = await db.selectFrom('drop_files').selectAll().where('share_id', '=', share.id).where('idx', '=', f).executeTakeFirst();
  if (!file || !Number.isInteger(n) || n < 0 || n >= file.chunks) throw new AppError(404, 'drop.error.noChunk');
  if (n !== file.received) throw new AppError(409, n < file.received ? 'drop.error.chunkRepeated' : 'drop.error.chunkOrder', { next: file.received });
  const expected = chunkSize(file.size, share.chunk_bytes, n);
  if (declared !== expected) throw new AppError(400, 'drop.error.chunkSize', { expected });
  await holdSpace(core, share, creatorHash, expected);
  const checked = exactly(expected);
  // pipeline, not pipe: a cut connection must fail the write (and remove its temporary file).
  pipeline(body, checked).catch(() => undefined);
  try {
    await core.blobs.put(chunkKey(share.id, f, n), checked);
  } catch (err) {
    // A cut connection: nothing was stored; the client resumes from this chunk.
    if (err instanceof AppError || !body.readableAborted) throw err;
    throw new AppError(400, 'drop.error.chunkSize', { expected });
  }
  const res = await db
    .updateTable('drop_files')
    .set({ received: n + 1 })
    .where('share_id', '=', share.id)
    .where('idx', '=', f)
    .where('received', '=', n)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'drop.error.chunkRepeated', { next: n + 1 });
  return { next: n + 1 };
}

/** Makes the share visible once every chunk is there with the right size; starts its expiry. */
export async function finalize(core: Core, share: Share): Promise<{ expiresAt: number }> {
  const db = dropDb(core);
  if (share.state === 'ready') return { expiresAt: share.expires_at };
  for (const file of await files(db, share.id)) {
    if (file.received !== file.chunks) throw new AppError(409, 'drop.error.incomplete');
    for (let n = 0; n < file.chunks; n++) {
      const info = await core.blobs.stat(chunkKey(share.id, file.idx, n));
      if (info?.size !== chunkSize(file.size, share.chunk_bytes, n)) {
        // A lost or damaged chunk: ask for it again.
        await db.updateTable('drop_files').set({ received: n }).where('share_id', '=', share.id).where('idx', '=', file.idx).execute();
        throw new AppError(409, 'drop.error.incomplete');
      }
    }
  }
  const expiresAt = Date.now() + share.expires_in_seconds * 1000;
  await db.updateTable('drop_shares').set({ state: 'ready', expires_at: expiresAt }).where('id', '=', share.id).where('state', '=', 'uploading').execute();
  return { expiresAt };
}

/**
 * The ciphertext of the chosen files, one after the other, chunk by chunk: memory stays flat. `start`
 * skips that many bytes (a resumed download).
 */
export function cipherStream(core: Core, share: Share, fileIdx: number[], sizes: Map<number, number>, start = 0): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let skip = start;
    for (const f of fileIdx) {
      const size = sizes.get(f) ?? 0;
      const count = chunkCount(size, share.chunk_bytes);
      for (let n = 0; n < count; n++) {
        const len = chunkSize(size, share.chunk_bytes, n);
        if (skip >= len) {
          skip -= len;
          continue;
        }
        const part = await core.blobs.get(chunkKey(share.id, f, n), skip > 0 ? { start: skip, end: len - 1 } : undefined);
        skip = 0;
        if (!part) throw new Error(`missing chunk ${share.id}/${f}/${n}`);
        for await (const piece of part) yield piece as Buffer;
      }
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Deletes a share: first its row (so it is never served again), then its blobs. */
export async function deleteShare(core: Core, id: string): Promise<void> {
  await dropDb(core).deleteFrom('drop_shares').where('id', '=', id).execute();
  await deleteBlobs(core, id);
}

/** The share's chunks, and what chunk writes cut by a crash left (list() does not show those). */
export async function deleteBlobs(core: Core, id: string): Promise<void> {
  for (const key of await core.blobs.list(`drop/${id}/`)) await core.blobs.delete(key);
  await core.blobs.sweep(`drop/${id}/`, TMP_GRACE_MS);
}
