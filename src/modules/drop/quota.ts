// Drop's storage quota: what is really stored, plus the space declared for uploads in progress. That
// space is reserved only while the upload is alive (drop.reservation_minutes after its last chunk) and
// bounded per hashed address (drop.pending_bytes_per_address), so that declaring files without sending
// them cannot fill the chaton for others.
import { sql, type Transaction } from 'kysely';
import type { Core } from '../../core.js';
import { AppError } from '../../server/errors.js';
import type { DropTables } from './tables.js';
import { dropDb, type DropDb, type Share } from './store.js';
import { formatBytes } from '../../i18n/bytes.js';

type Q = DropDb | Transaction<DropTables>;

/** The advisory lock key taken while checking the storage quota (PostgreSQL). */
const QUOTA_LOCK = 0x63_68_64_71; // "chdq"

/** Ciphertext bytes of file `f` (of share `s`) already stored: its received chunks, the last one maybe short. */
const stored = sql<number>`(case when cast(f.received as bigint) * s.chunk_bytes >= f.size then f.size else cast(f.received as bigint) * s.chunk_bytes end)`;

async function sum(q: Q, query: ReturnType<typeof sql<{ n: number | string | null }>>): Promise<number> {
  const { rows } = await query.execute(q);
  return Number(rows[0]?.n ?? 0);
}

/** When reservations made before this moment have lapsed. */
export function reservationCut(core: Core, now = Date.now()): number {
  return now - core.config.drop.reservation_minutes * 60_000;
}

/** Used storage: every stored byte, plus the whole declared size of uploads whose reservation is alive. */
export function usedBytes(q: Q, cut: number): Promise<number> {
  return sum(q, sql<{ n: number | string | null }>`select sum(case when s.state = 'ready' or s.active_at > ${cut} then f.size else ${stored} end) as n
    from drop_files f join drop_shares s on s.id = f.share_id`);
}

/** Declared bytes not yet uploaded that `creator` holds in live reservations (other than share `except`). */
export function pendingBytes(q: Q, creator: string, cut: number, except = ''): Promise<number> {
  return sum(q, sql<{ n: number | string | null }>`select sum(f.size - ${stored}) as n from drop_files f join drop_shares s on s.id = f.share_id
    where s.state = 'uploading' and s.active_at > ${cut} and s.creator_hash = ${creator} and s.id <> ${except}`);
}

function remainingBytes(q: Q, id: string): Promise<number> {
  return sum(q, sql<{ n: number | string | null }>`select sum(f.size - ${stored}) as n from drop_files f join drop_shares s on s.id = f.share_id where s.id = ${id}`);
}

/**
 * Runs `fn` with the quota held: two uploads at the same moment cannot both take the last free space.
 * PostgreSQL: a transaction lock serializes them across processes; SQLite: Kysely runs one transaction
 * at a time on its single connection.
 */
export async function withQuota<T>(core: Core, fn: (trx: Transaction<DropTables>) => Promise<T>): Promise<T> {
  return dropDb(core).transaction().execute(async (trx) => {
    if (core.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${QUOTA_LOCK})`.execute(trx);
    return fn(trx);
  });
}

/** Refuses a new upload of `total` bytes declared by `creator` that does not fit (inside withQuota). */
export async function checkNewUpload(core: Core, trx: Transaction<DropTables>, who: { creatorHash: string; lang: 'fr' | 'en' }, total: number, now: number): Promise<void> {
  const cfg = core.config.drop;
  const cut = reservationCut(core, now);
  const perAddress = cfg.pending_bytes_per_address;
  const params = { max: formatBytes(perAddress, who.lang), minutes: cfg.reservation_minutes };
  if (total > perAddress) throw new AppError(413, 'drop.error.pending', params);
  if ((await pendingBytes(trx, who.creatorHash, cut)) + total > perAddress) throw new AppError(429, 'drop.error.pending', params);
  if ((await usedBytes(trx, cut)) + total > cfg.max_total_bytes) throw new AppError(507, 'drop.error.full');
}

/**
 * Before a chunk of `chunk` bytes is stored: a live reservation is renewed; a lapsed one is taken again
 * when the rest of the upload fits (for everyone and for this address); otherwise the chunk alone must
 * fit in the free space.
 */
export async function holdSpace(core: Core, share: Share, creator: string, chunk: number): Promise<void> {
  const cfg = core.config.drop;
  const now = Date.now();
  const cut = reservationCut(core, now);
  await withQuota(core, async (trx) => {
    const row = await trx.selectFrom('drop_shares').select('active_at').where('id', '=', share.id).executeTakeFirst();
    if (!row) return;
    if (Number(row.active_at) > cut) {
      await trx.updateTable('drop_shares').set({ active_at: now }).where('id', '=', share.id).execute();
      return;
    }
    const used = await usedBytes(trx, cut);
    const rest = await remainingBytes(trx, share.id);
    if (used + rest <= cfg.max_total_bytes && (await pendingBytes(trx, creator, cut, share.id)) + rest <= cfg.pending_bytes_per_address) {
      await trx.updateTable('drop_shares').set({ active_at: now, creator_hash: creator }).where('id', '=', share.id).execute();
      return;
    }
    if (used + chunk > cfg.max_total_bytes) throw new AppError(507, 'drop.error.full');
  });
}
