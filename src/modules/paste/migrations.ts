// The paste module's tables: opaque ciphertexts and the few clear fields the server needs (expiry,
// burn, discussion). Never a key, a password, a plaintext or an address.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../../storage/database.js';

export interface PastePastesTable {
  id: string;
  v: number;
  /** The adata array as JSON, returned exactly as stored (clients rebuild the AAD from it). */
  adata: string;
  ct: string;
  burn: number;
  discussion: number;
  /** Epoch ms, or null for "never". */
  expires_at: number | null;
  created_at: number;
  /** SHA-256 (hex) of the delete token given to the writer. */
  delete_hash: string;
}

export interface PasteCommentsTable {
  id: string;
  paste_id: string;
  parent_id: string;
  v: number;
  adata: string;
  ct: string;
  created_at: number;
}

export type PasteTables = {
  paste_pastes: PastePastesTable;
  paste_comments: PasteCommentsTable;
};

export function pasteMigrations(dialect: Dialect): Record<string, Migration> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    '0001_paste': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('paste_pastes')
          .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
          .addColumn('v', real, (c) => c.notNull())
          .addColumn('adata', 'text', (c) => c.notNull())
          .addColumn('ct', 'text', (c) => c.notNull())
          .addColumn('burn', 'integer', (c) => c.notNull())
          .addColumn('discussion', 'integer', (c) => c.notNull())
          .addColumn('expires_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('delete_hash', 'varchar(64)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('paste_pastes_expires').on('paste_pastes').column('expires_at').execute();
        await db.schema
          .createTable('paste_comments')
          .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
          .addColumn('paste_id', 'varchar(16)', (c) => c.notNull().references('paste_pastes.id').onDelete('cascade'))
          .addColumn('parent_id', 'varchar(16)', (c) => c.notNull())
          .addColumn('v', real, (c) => c.notNull())
          .addColumn('adata', 'text', (c) => c.notNull())
          .addColumn('ct', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('paste_comments_paste').on('paste_comments').column('paste_id').execute();
      },
    },
  };
}
