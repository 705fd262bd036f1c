import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// E-mail: each member's optional address and language (for the e-mails they receive), and the queue of
// messages to send (src/mail/queue.ts). The same on SQLite and PostgreSQL.
export function coreMigration0002(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('members').addColumn('email', 'text').execute();
      await db.schema.alterTable('members').addColumn('lang', 'text', (c) => c.notNull().defaultTo('fr')).execute();
      await db.schema.createIndex('members_email').on('members').column('email').execute();
      await db.schema
        .createTable('mail_queue')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('locked_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('sent_at', 'bigint')
        .addColumn('failed_at', 'bigint')
        .execute();
      await db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['sent_at', 'failed_at', 'next_attempt_at']).execute();
    },
  };
}
