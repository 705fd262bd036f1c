// Pastes and comments in the database (SQLite or PostgreSQL through Kysely). Burn after reading is
// exactly-once: the reader whose DELETE removed the row gets the paste; every other reader, "not found".
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Core } from '../../core.js';
import type { PasteCommentsTable, PastePastesTable, PasteTables } from './migrations.js';
import type { CommentInput, PasteInput } from './schema.js';
import { GroupCommit } from '../../storage/group-commit.js';

export type PasteDb = Kysely<PasteTables>;

export function pasteDb(core: Core): PasteDb {
  return core.db.withTables<PasteTables>() as unknown as PasteDb;
}

export function newId(): string {
  return randomBytes(8).toString('hex');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface StoredPaste { row: PastePastesTable; comments: PasteCommentsTable[] }

export class PasteStore {
  /** New pastes, written in one transaction for all those that arrive during a commit. */
  private readonly inserts: GroupCommit<PastePastesTable>;

  constructor(private readonly db: PasteDb) {
    this.inserts = new GroupCommit((rows) =>
      rows.length === 1
        ? this.db.insertInto('paste_pastes').values(rows[0]!).execute().then(() => undefined)
        : this.db.transaction().execute(async (trx) => {
            for (const row of rows) await trx.insertInto('paste_pastes').values(row).execute();
          }),
    );
  }

  /** Stores a paste; returns its id and the delete token (only its hash is kept). */
  async create(input: PasteInput, expiresAt: number | null, now = Date.now()): Promise<{ id: string; deletetoken: string }> {
    const deletetoken = randomBytes(32).toString('hex');
    const id = newId();
    await this.inserts.add({
      id,
      v: input.v,
      adata: JSON.stringify(input.adata),
      ct: input.ct,
      burn: input.burn ? 1 : 0,
      discussion: input.discussion ? 1 : 0,
      expires_at: expiresAt,
      created_at: now,
      delete_hash: hashToken(deletetoken),
    });
    return { id, deletetoken };
  }

  /** A live paste, or null. An expired one is deleted on the way; a burn-after-reading one is consumed. */
  async read(id: string, now = Date.now()): Promise<StoredPaste | null> {
    const row = await this.db.selectFrom('paste_pastes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.expires_at !== null && row.expires_at <= now) {
      await this.delete(id);
      return null;
    }
    if (row.burn === 1) {
      // Only the reader whose delete removed the row may see it.
      const res = await this.db.deleteFrom('paste_pastes').where('id', '=', id).executeTakeFirst();
      return Number(res.numDeletedRows) === 1 ? { row, comments: [] } : null;
    }
    const comments = await this.db.selectFrom('paste_comments').selectAll().where('paste_id', '=', id).orderBy('created_at').orderBy('id').execute();
    return { row, comments };
  }

  /** Live, without consuming it (for comments and deletions). */
  async peek(id: string, now = Date.now()): Promise<PastePastesTable | null> {
    const row = await this.db.selectFrom('paste_pastes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
    return row;
  }

  async addComment(input: CommentInput, now = Date.now()): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('paste_comments')
      .values({ id, paste_id: input.pasteid, parent_id: input.parentid, v: input.v, adata: JSON.stringify(input.adata), ct: input.ct, created_at: now })
      .execute();
    return id;
  }

  async commentExists(pasteId: string, commentId: string): Promise<boolean> {
    const row = await this.db.selectFrom('paste_comments').select('id').where('paste_id', '=', pasteId).where('id', '=', commentId).executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes with the writer's token; false when the token does not match. */
  async deleteWithToken(row: PastePastesTable, token: string): Promise<boolean> {
    const a = Buffer.from(hashToken(token), 'hex');
    const b = Buffer.from(row.delete_hash, 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    await this.delete(row.id);
    return true;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('paste_comments').where('paste_id', '=', id).execute();
    await this.db.deleteFrom('paste_pastes').where('id', '=', id).execute();
  }

  /** Removes every expired paste and its comments; returns how many pastes went. */
  async purgeExpired(now = Date.now()): Promise<number> {
    const expired = this.db.selectFrom('paste_pastes').select('id').where('expires_at', 'is not', null).where('expires_at', '<=', now);
    await this.db.deleteFrom('paste_comments').where('paste_id', 'in', expired).execute();
    const res = await this.db.deleteFrom('paste_pastes').where('expires_at', 'is not', null).where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('paste_pastes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
