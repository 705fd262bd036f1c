// The pad module's tables (Kysely types), used through core.db.withTables<PadTables>().
import type { Generated, Kysely } from 'kysely';
import type { Core } from '../../core.js';

export type PadPadsTable = {
  name: string;
  created_at: number;
  last_edit_at: number;
  /** SHA-256 of the secret admin token given to the creator. */
  admin_hash: string;
  readonly_id: string;
  /** 1 when read-only visitors may use the timeslider. */
  history_public: number;
  /** Size of the encoded state at the last checkpoint plus updates since, in bytes (approximate). */
  bytes: number;
  /** When the pad was last repaired because its stored state did not load (null: never). */
  repaired_at: number | null;
};

export type PadUpdatesTable = {
  id: Generated<number>;
  pad: string;
  at: number;
  author: string;
  data: Uint8Array;
};

export type PadCheckpointsTable = {
  id: Generated<number>;
  pad: string;
  /** The last update id merged into `state`. */
  upto: number;
  at: number;
  state: Uint8Array;
  /** A label when someone saved this version on purpose; '' for automatic checkpoints. */
  label: string;
};

export type PadAuthorsTable = { pad: string; author: string; name: string; color: string };

export type PadChatTable = { id: Generated<number>; pad: string; at: number; author: string; name: string; color: string; text: string };

export type PadTables = {
  pad_pads: PadPadsTable;
  pad_updates: PadUpdatesTable;
  pad_checkpoints: PadCheckpointsTable;
  pad_authors: PadAuthorsTable;
  pad_chat: PadChatTable;
};

export type PadDb = Kysely<PadTables>;

export function padDb(core: Core): PadDb {
  return core.db.withTables<PadTables>() as unknown as PadDb;
}
