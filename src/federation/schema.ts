// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory's tables (prefixed dir_), merged into the Database interface of src/storage/schema.ts.
import type { Generated } from 'kysely';

export type FileKind = 'federation' | 'organization' | 'service' | 'metrics';

/** One crawled URL: its last success (body kept for conditional re-crawls), its last error. */
export interface DirFilesTable {
  url: string;
  kind: FileKind;
  /** The organization file this file belongs to ('' for the federation). */
  org_url: string;
  etag: string | null;
  last_modified: string | null;
  body: string | null;
  last_success_at: number | null;
  last_checked_at: number;
  last_error: string | null;
  last_error_at: number | null;
  /** Warnings of the validator and of the crawl, as JSON [{code, message, line?, key?}]. */
  issues: string;
  seen_at: number;
}

/** History of every fetch: one row per try. */
export interface DirFetchLogTable {
  id: Generated<number>;
  url: string;
  at: number;
  outcome: 'ok' | 'not-modified' | 'error';
  detail: string;
  duration_ms: number;
}

export interface DirOrganizationsTable {
  url: string;
  slug: string;
  name: string;
  description: string;
  type: string;
  status_level: string;
  memberof_level: string;
  memberof_startdate: string;
  startdate: string;
  enddate: string;
  website: string;
  logo: string;
  contact_email: string;
  contact_url: string;
  country_code: string;
  country_name: string;
  latitude: number | null;
  longitude: number | null;
  address: string;
  /** JSON {name: url} of funding links, social networks and chat rooms. */
  funding: string;
  socials: string;
  /** Lower-cased text for search: name, description, address, software. */
  search: string;
  crawled_at: number;
  /** Number of files of this organization whose last try failed or gave warnings. */
  problems: number;
}

export interface DirServicesTable {
  url: string;
  org_url: string;
  name: string;
  description: string;
  website: string;
  /** What a visitor wants: pad, poll, drop… (from the software or the name). */
  kind: string;
  software_name: string;
  software_website: string;
  license: string;
  /** None, Free, Member, Client or ''. */
  registration: string;
  registration_load: string;
  status_level: string;
  startdate: string;
  enddate: string;
  health: 'up' | 'down' | 'unknown';
  health_checked_at: number | null;
  crawled_at: number;
}

export interface DirectoryTables {
  dir_files: DirFilesTable;
  dir_fetch_log: DirFetchLogTable;
  dir_organizations: DirOrganizationsTable;
  dir_services: DirServicesTable;
}
