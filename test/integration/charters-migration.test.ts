// Migration 0003 (charters in two languages) on a database that already holds charters: the versions
// published before it keep their text as the French one, with no English text, on SQLite and PostgreSQL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrate, coreMigrations, type MigrationSet } from '../../src/storage/database.js';
import { charterText, currentCharter } from '../../src/portal/charters/store.js';
import { backends, createPgDatabase } from '../helpers/server.js';

/** The core migrations as they were before charters had an English text. */
const before0002: MigrationSet = { name: 'core', migrations: (dialect) => ({ '0001_core': coreMigrations.migrations(dialect)['0001_core']! }) };

for (const backend of backends()) {
  describe(`migration 0003: charters in two languages (${backend})`, () => {
    it('keeps the versions already published as French ones, without an English text', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chaton-migrate-'));
      const pg = backend === 'postgres' ? await createPgDatabase() : null;
      const { db, dialect, close } = openDatabase(pg?.url ?? '', dir);
      try {
        await migrate(db, dialect, [before0002]);
        await db.insertInto('charters').values({ kind: 'member', version: 1, body_md: '## Règles\n\nSoyez courtois.', summary: 'Première version.', published_at: 1, published_by: 'alice' }).execute();
        assert.deepEqual(await migrate(db, dialect, [coreMigrations]), ['core/0002_mail', 'core/0003_charter_english']);
        const charter = await currentCharter(db, 'member');
        assert.ok(charter);
        assert.deepEqual({ fr: charter.bodyMd, en: charter.bodyMdEn, summaryEn: charter.summaryEn }, { fr: '## Règles\n\nSoyez courtois.', en: null, summaryEn: null });
        assert.deepEqual(charterText(charter, 'en'), { lang: 'fr', bodyMd: '## Règles\n\nSoyez courtois.', summary: 'Première version.', fallback: true });
      } finally {
        await close();
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
