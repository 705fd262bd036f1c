// Drop's tables, run with their own migration table (drop_migration).
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../../storage/database.js';

export function migrations(dialect: Dialect): Record<string, Migration> {
  const serial = dialect === 'postgres' ? sql`serial` : sql`integer`;
  return {
    '0001_drop': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('drop_shares')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner_hash', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('key_salt', 'text', (c) => c.notNull())
          .addColumn('kdf_iterations', 'integer', (c) => c.notNull())
          .addColumn('manifest', 'text', (c) => c.notNull())
          .addColumn('total_bytes', 'bigint', (c) => c.notNull())
          .addColumn('chunk_bytes', 'integer', (c) => c.notNull())
          .addColumn('file_count', 'integer', (c) => c.notNull())
          .addColumn('expires_in_seconds', 'integer', (c) => c.notNull())
          .addColumn('max_downloads', 'integer', (c) => c.notNull())
          .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('drop_shares_expires').on('drop_shares').column('expires_at').execute();
        await db.schema
          .createTable('drop_files')
          .addColumn('share_id', 'text', (c) => c.notNull().references('drop_shares.id').onDelete('cascade'))
          .addColumn('idx', 'integer', (c) => c.notNull())
          .addColumn('size', 'bigint', (c) => c.notNull())
          .addColumn('chunks', 'integer', (c) => c.notNull())
          .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('drop_files_pk', ['share_id', 'idx'])
          .execute();
        await db.schema
          .createTable('drop_downloads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('share_id', 'text', (c) => c.notNull().references('drop_shares.id').onDelete('cascade'))
          .addColumn('started_at', 'bigint', (c) => c.notNull())
          .execute();
        // Reports outlive the share they name (an admin may want to see what was removed); no reporter data.
        await db.schema
          .createTable('drop_reports')
          .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('share_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    // Who holds declared-but-not-uploaded space (hashed address, as rate limits) and since when; how each
    // download ends: confirmed by the browser, or counted when the server sent the last byte.
    '0002_drop_reservations': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema.alterTable('drop_shares').addColumn('creator_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
        await db.schema.alterTable('drop_shares').addColumn('active_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('drop_downloads').addColumn('confirms', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('drop_downloads').addColumn('idle_since', 'bigint').execute();
        await db.schema.alterTable('drop_downloads').addColumn('uses', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      },
    },
  };
}
