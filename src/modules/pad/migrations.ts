// The pad module's tables: pads, the update log, checkpoints, authors and chat (all prefixed pad_).
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../../storage/database.js';

export function padMigrations(dialect: Dialect): Record<string, Migration> {
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const serial = dialect === 'postgres' ? sql`bigserial` : sql`integer`;
  const id = (c: { primaryKey(): { autoIncrement(): unknown } }) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
  return {
    '0001_pad': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('pad_pads')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_edit_at', 'bigint', (c) => c.notNull())
          .addColumn('admin_hash', 'text', (c) => c.notNull())
          .addColumn('readonly_id', 'text', (c) => c.notNull().unique())
          .addColumn('history_public', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('pad_updates')
          .addColumn('id', serial, (c) => id(c as never) as never)
          .addColumn('pad', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('data', blob, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('pad_updates_pad_id').on('pad_updates').columns(['pad', 'id']).execute();
        await db.schema
          .createTable('pad_checkpoints')
          .addColumn('id', serial, (c) => id(c as never) as never)
          .addColumn('pad', 'text', (c) => c.notNull())
          .addColumn('upto', 'bigint', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('state', blob, (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema.createIndex('pad_checkpoints_pad_upto').on('pad_checkpoints').columns(['pad', 'upto']).execute();
        await db.schema
          .createTable('pad_authors')
          .addColumn('pad', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('color', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('pad_authors_pk', ['pad', 'author'])
          .execute();
        await db.schema
          .createTable('pad_chat')
          .addColumn('id', serial, (c) => id(c as never) as never)
          .addColumn('pad', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('color', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('pad_chat_pad_id').on('pad_chat').columns(['pad', 'id']).execute();
      },
    },
    '0002_pad_repaired': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema.alterTable('pad_pads').addColumn('repaired_at', 'bigint').execute();
      },
    },
  };
}
