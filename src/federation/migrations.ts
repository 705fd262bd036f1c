// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory's migrations, run with their own table (federation_migration).
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect, MigrationSet } from '../storage/database.js';

function migration0001(dialect: Dialect): Migration {
  const serial = dialect === 'postgres' ? sql`serial` : sql`integer`;
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('dir_files')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('org_url', 'text', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('body', 'text')
        .addColumn('last_success_at', 'bigint')
        .addColumn('last_checked_at', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'bigint')
        .addColumn('issues', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dir_files_org').on('dir_files').column('org_url').execute();
      await db.schema
        .createTable('dir_fetch_log')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dir_fetch_log_url').on('dir_fetch_log').columns(['url', 'at']).execute();
      await db.schema
        .createTable('dir_organizations')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status_level', 'text', (c) => c.notNull())
        .addColumn('memberof_level', 'text', (c) => c.notNull())
        .addColumn('memberof_startdate', 'text', (c) => c.notNull())
        .addColumn('startdate', 'text', (c) => c.notNull())
        .addColumn('enddate', 'text', (c) => c.notNull())
        .addColumn('website', 'text', (c) => c.notNull())
        .addColumn('logo', 'text', (c) => c.notNull())
        .addColumn('contact_email', 'text', (c) => c.notNull())
        .addColumn('contact_url', 'text', (c) => c.notNull())
        .addColumn('country_code', 'text', (c) => c.notNull())
        .addColumn('country_name', 'text', (c) => c.notNull())
        .addColumn('latitude', real)
        .addColumn('longitude', real)
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('funding', 'text', (c) => c.notNull())
        .addColumn('socials', 'text', (c) => c.notNull())
        .addColumn('search', 'text', (c) => c.notNull())
        .addColumn('crawled_at', 'bigint', (c) => c.notNull())
        .addColumn('problems', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dir_services')
        .addColumn('url', 'text', (c) => c.primaryKey())
        .addColumn('org_url', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('website', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('software_name', 'text', (c) => c.notNull())
        .addColumn('software_website', 'text', (c) => c.notNull())
        .addColumn('license', 'text', (c) => c.notNull())
        .addColumn('registration', 'text', (c) => c.notNull())
        .addColumn('registration_load', 'text', (c) => c.notNull())
        .addColumn('status_level', 'text', (c) => c.notNull())
        .addColumn('startdate', 'text', (c) => c.notNull())
        .addColumn('enddate', 'text', (c) => c.notNull())
        .addColumn('health', 'text', (c) => c.notNull())
        .addColumn('health_checked_at', 'bigint')
        .addColumn('crawled_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dir_services_org').on('dir_services').column('org_url').execute();
      await db.schema.createIndex('dir_services_kind').on('dir_services').columns(['kind', 'registration']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['dir_services', 'dir_organizations', 'dir_fetch_log', 'dir_files']) await db.schema.dropTable(t).execute();
    },
  };
}

export const federationMigrations: MigrationSet = {
  name: 'federation',
  migrations: (dialect) => ({ '0001_directory': migration0001(dialect) }),
};
