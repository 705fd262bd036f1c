// Drop's download slots. A download reserves a slot (a ticket) when its first response starts, so the
// limit holds under concurrency, and is counted exactly once:
// - a client that confirms (the browser, which sends X-Drop-Confirm: 1) counts it by POSTing the ticket
//   once it has decrypted and verified the last record; until then the slot stays reserved, so a retry
//   or a resumed download (Range) under the same ticket takes no other slot; an unconfirmed ticket gives
//   its slot back drop.download_confirm_minutes after its last response ended;
// - any other client (curl, wget) is counted when the server has handed the last byte to the network,
//   and gets its slot back at once when the transfer stops before.
import type { Core } from '../../core.js';
import { DOWNLOAD_LEASE_MS, dropDb, newId, type DropDb } from './store.js';

/** Responses one ticket may start (the first plus retries and resumptions). */
export const MAX_TICKET_USES = 4;

export interface Ticket { id: string; confirms: boolean; reused: boolean }

/** Reserves a download slot atomically (never more than max_downloads, even when concurrent). */
export async function reserveDownload(db: DropDb, id: string, confirms: boolean, now = Date.now()): Promise<Ticket | null> {
  const res = await db
    .updateTable('drop_shares')
    .set((eb) => ({ reserved: eb('reserved', '+', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'ready')
    .where('expires_at', '>', now)
    .whereRef('reserved', '<', 'max_downloads')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  const ticket = newId(16);
  await db.insertInto('drop_downloads').values({ id: ticket, share_id: id, started_at: now, confirms: confirms ? 1 : 0, idle_since: null }).execute();
  return { id: ticket, confirms, reused: false };
}

/**
 * Takes up a confirming client's ticket of this share again (a retry, a resumption), if it is still
 * reserved and not worn out. Other tickets live only while their one response is sent.
 */
export async function reuseDownload(db: DropDb, id: string, ticket: string, now = Date.now()): Promise<Ticket | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(ticket)) return null;
  const res = await db
    .updateTable('drop_downloads')
    .set((eb) => ({ uses: eb('uses', '+', 1), started_at: now, idle_since: null }))
    .where('id', '=', ticket)
    .where('share_id', '=', id)
    .where('confirms', '=', 1)
    .where('uses', '<', MAX_TICKET_USES)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  return { id: ticket, confirms: true, reused: true };
}

/** Ends a ticket: counted (`complete`) or its slot given back. Runs once per ticket; true if it counted. */
export async function endDownload(db: DropDb, id: string, ticket: string, complete: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const del = await trx.deleteFrom('drop_downloads').where('id', '=', ticket).where('share_id', '=', id).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) return false;
    await trx
      .updateTable('drop_shares')
      .set((eb) => (complete ? { downloads: eb('downloads', '+', 1) } : { reserved: eb('reserved', '-', 1) }))
      .where('id', '=', id)
      .execute();
    return complete;
  });
}

/** A confirming client's response ended (whole or not): the slot waits for its confirmation or retry. */
export async function idleDownload(db: DropDb, ticket: string, now = Date.now()): Promise<void> {
  await db.updateTable('drop_downloads').set({ idle_since: now }).where('id', '=', ticket).where('idle_since', 'is', null).execute();
}

/**
 * Gives back the slots of downloads that will not end: unconfirmed ones idle for longer than
 * drop.download_confirm_minutes, and those whose response never ended (a crash, a restart).
 */
export async function releaseStaleDownloads(core: Core, now = Date.now()): Promise<number> {
  const db = dropDb(core);
  const idleCut = now - core.config.drop.download_confirm_minutes * 60_000;
  const stale = await db
    .selectFrom('drop_downloads')
    .select(['id', 'share_id'])
    .where((eb) => eb.or([eb('idle_since', '<', idleCut), eb.and([eb('idle_since', 'is', null), eb('started_at', '<', now - DOWNLOAD_LEASE_MS)])]))
    .execute();
  for (const d of stale) await endDownload(db, d.share_id, d.id, false);
  return stale.length;
}
