// Drop's tables, as Kysely types (used through core.db.withTables<DropTables>()).
// Sizes are ciphertext bytes; times are epoch milliseconds.
import type { Generated } from 'kysely';

export type DropShareState = 'uploading' | 'ready';

export type DropSharesTable = {
  id: string;
  /** SHA-256 (hex) of the owner token: the token itself is only ever in the owner's link. */
  owner_hash: string;
  state: DropShareState;
  /** Public KDF inputs: the share salt (base64url) and PBKDF2 iterations (0 = no password). */
  key_salt: string;
  kdf_iterations: number;
  /** The sealed manifest (names, sizes, types), base64url. */
  manifest: string;
  total_bytes: number;
  chunk_bytes: number;
  file_count: number;
  expires_in_seconds: number;
  max_downloads: number;
  /** Completed downloads. */
  downloads: number;
  /** Completed plus in-progress downloads: never above max_downloads. */
  reserved: number;
  created_at: number;
  /** While uploading: the deadline to finish; once ready: the expiry. */
  expires_at: number;
  /** Hashed address (daily salt, as rate limits) holding the space declared for the upload. */
  creator_hash: string;
  /** Last upload activity: the declared space stays reserved drop.reservation_minutes after it. */
  active_at: number;
};

export type DropFilesTable = { share_id: string; idx: number; size: number; chunks: number; received: number };

/**
 * A reserved download slot (the ticket): `confirms` = 1 when the client (the browser) confirms the end
 * itself; `idle_since` is when its last response ended (null while one is being sent); `uses` counts
 * the responses sent under it (a retry or a resumed download reuses the ticket, within a bound).
 */
export type DropDownloadsTable = {
  id: string; share_id: string; started_at: number; confirms: Generated<number>; idle_since: number | null; uses: Generated<number>;
};

export type DropReportsTable = { id: Generated<number>; share_id: string; reason: string; created_at: number };

export type DropTables = {
  drop_shares: DropSharesTable;
  drop_files: DropFilesTable;
  drop_downloads: DropDownloadsTable;
  drop_reports: DropReportsTable;
};
