import type { Kysely } from 'kysely';

// Charters in two languages: each version keeps its French text (body_md, summary, the reference) and may
// have an English one (null: not translated; the English pages then show the French with a note).
// Existing versions are French.
export function coreMigration0003() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('charters').addColumn('body_md_en', 'text').execute();
      await db.schema.alterTable('charters').addColumn('summary_en', 'text').execute();
    },
  };
}
