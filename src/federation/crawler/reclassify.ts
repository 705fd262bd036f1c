// Kinds are computed when a service file is read; an unchanged file is not read again. When the rules
// of kinds.ts change (the software name now wins over words of the service name), the services already
// stored are filed again from what they published, so the finder never keeps a stale kind.
import type { Db } from '../../storage/database.js';
import { kindOf } from '../kinds.js';

/** Files every stored service under the kind the current rules give it; returns how many changed. */
export async function reclassifyServices(db: Db): Promise<number> {
  const rows = await db.selectFrom('dir_services').select(['url', 'name', 'software_name', 'kind']).execute();
  let changed = 0;
  for (const row of rows) {
    const kind = kindOf(row.software_name, row.name);
    if (kind === row.kind) continue;
    await db.updateTable('dir_services').set({ kind }).where('url', '=', row.url).execute();
    changed++;
  }
  return changed;
}
