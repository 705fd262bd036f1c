// The database schema of the core, as a Kysely interface: a wrong column is a compile error.
// Times are milliseconds since the epoch; booleans are 0/1 integers (the same on SQLite and PostgreSQL).
import type { ColumnType, Generated } from 'kysely';
import type { DirectoryTables } from '../federation/schema.js';

export type Role = 'admin' | 'member';
export type CharterKind = 'anonymous' | 'member';

export interface SettingsTable { key: string; value: string }

export interface MembersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** 0 for an account made through open signup until an admin admits it; 1 for admitted members. */
  admitted: number;
  created_at: number;
  last_login_at: number | null;
  /** Optional, in lower case: where password resets and admins' notices are sent. */
  email: Generated<string | null>;
  /** The language of the e-mails the member receives ('fr' | 'en'): the one of their last visit. */
  lang: Generated<string>;
}

export interface GroupsTable { id: string; name: string; description: string; created_at: number }
export interface MemberGroupsTable { member_id: string; group_id: string }

export interface SessionsTable { id: string; member_id: string | null; data: string; expires_at: number }

export interface ChartersTable {
  kind: CharterKind;
  version: number;
  /** The French text, the reference. */
  body_md: string;
  summary: string;
  /** The English text and summary; null when the version was not translated. */
  body_md_en: ColumnType<string | null, string | null | undefined, string | null>;
  summary_en: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: number;
  published_by: string;
}

export interface CharterAcceptancesTable { member_id: string; kind: CharterKind; version: number; accepted_at: number }

export interface InvitationsTable {
  token_hash: string;
  created_by: string;
  role: Role;
  group_id: string | null;
  note: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

export interface ResetLinksTable { token_hash: string; member_id: string; created_by: string; created_at: number; expires_at: number; used_at: number | null }

export interface ServiceSettingsTable { service_id: string; opening: string; groups: string; updated_at: number }

export interface ServiceStatusTable { service_id: string; status: string; checked_at: number; latency_ms: number | null; detail: string }

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string;
  detail: string;
}

/**
 * The outgoing e-mail queue: `payload` is the message (recipient's copy of subject, text and HTML),
 * encrypted with a key derived from secrets.session since it may hold a one-time link; emptied once sent.
 */
export interface MailQueueTable {
  id: string;
  kind: string;
  recipient: string;
  payload: string;
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: number;
  /** A process sending the message holds it until then (several processes never send it twice). */
  locked_until: Generated<number>;
  last_error: string | null;
  sent_at: number | null;
  /** Given up after mail.max_attempts. */
  failed_at: number | null;
}

export interface JobLeasesTable { name: string; locked_until: number; last_run_at: number | null }

export interface Database extends DirectoryTables {
  settings: SettingsTable;
  members: MembersTable;
  groups: GroupsTable;
  member_groups: MemberGroupsTable;
  sessions: SessionsTable;
  charters: ChartersTable;
  charter_acceptances: CharterAcceptancesTable;
  invitations: InvitationsTable;
  reset_links: ResetLinksTable;
  service_settings: ServiceSettingsTable;
  service_status: ServiceStatusTable;
  audit_log: AuditLogTable;
  job_leases: JobLeasesTable;
  mail_queue: MailQueueTable;
}
