// SPDX-License-Identifier: AGPL-3.0-or-later
// "Near": the position the list is sorted by (and the finder chooses by). In order: the browser's position;
// a town picked by its GeoNames id (a suggestion, or a "did you mean" link); a town of the gazetteer
// called what the visitor wrote (the one in the chosen country, else the most populous, the others
// offered); a chaton whose name or place matches; else the towns whose name starts so ("did you mean").
import type { Db } from '../../storage/database.js';
import type { Gazetteer, Town } from '../gazetteer/gazetteer.js';
import type { Filters } from './filters.js';

export interface Position { lat: number; lon: number }

export interface Near {
  origin: Position | null;
  /** The town the list is sorted from, when it is one. */
  town: Town | null;
  /** Other towns of the same name, to choose instead. */
  others: Town[];
  /** When nothing matched: towns whose name starts with what was written. */
  suggestions: Town[];
}

export const NOWHERE: Near = { origin: null, town: null, others: [], suggestions: [] };
/** How many other towns of one name, and how many "did you mean" towns, are offered. */
export const MAX_CHOICES = 8;

// Backslashes are dropped (PostgreSQL reads them as escapes); % and _ stay harmless wildcards.
const escapeLike = (text: string): string => text.replace(/\\/g, '');

async function chatonPlace(db: Db, place: string): Promise<Position | null> {
  const pattern = `%${escapeLike(place.toLowerCase())}%`;
  const row = await db
    .selectFrom('dir_organizations')
    .select(['latitude', 'longitude'])
    .where('latitude', 'is not', null)
    .where((eb) => eb.or([eb(eb.fn('lower', ['address']), 'like', pattern), eb(eb.fn('lower', ['name']), 'like', pattern)]))
    .orderBy('name')
    .executeTakeFirst();
  return row && row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lon: row.longitude } : null;
}

const at = (t: Town): Position => ({ lat: t.lat, lon: t.lon });

export async function resolveNear(db: Db, towns: () => Promise<Gazetteer>, f: Pick<Filters, 'lat' | 'lon' | 'town' | 'place' | 'country'>): Promise<Near> {
  if (f.lat !== null && f.lon !== null) return { ...NOWHERE, origin: { lat: f.lat, lon: f.lon } };
  if (f.town !== null) {
    const g = await towns();
    const town = g.town(f.town);
    if (town) return { origin: at(town), town, others: g.lookup(town.name, f.country).filter((t) => t.id !== town.id).slice(0, MAX_CHOICES), suggestions: [] };
  }
  if (!f.place) return NOWHERE;
  const g = await towns();
  const [town, ...others] = g.lookup(f.place, f.country);
  if (town) return { origin: at(town), town, others: others.slice(0, MAX_CHOICES), suggestions: [] };
  const chaton = await chatonPlace(db, f.place);
  if (chaton) return { ...NOWHERE, origin: chaton };
  return { ...NOWHERE, suggestions: g.suggest(f.place, MAX_CHOICES, f.country) };
}
