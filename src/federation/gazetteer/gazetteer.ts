// SPDX-License-Identifier: AGPL-3.0-or-later
// An offline gazetteer: the towns of GeoNames' cities500 (every populated place of at least 500 people),
// held as one sorted list of name keys, so that an exact name and the first letters of a name are found
// by binary search. A town is found by its own name, its ASCII form, and for towns of at least
// ALIAS_POPULATION people by its other names in Latin letters ("Bruxelles", "Genf", "Anvers").
import { isLatinKey, placeKey } from './normalize.js';

export interface Town {
  /** GeoNames id: stable, used in links to pick one of several towns of one name. */
  id: number;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** First and second level administrative codes (region, then département, province or county). */
  admin1: string;
  admin2: string;
  population: number;
  lat: number;
  lon: number;
}

/** Other names are indexed only for towns this big: small places' variants are mostly noise. */
export const ALIAS_POPULATION = 10_000;
/** Historical, abandoned or destroyed places are left out. */
const LEFT_OUT = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
const CODE = /^[A-Z0-9]{1,4}$/;
/** Prefix searches look at this many keys at most (a two-letter prefix matches thousands). */
const SCAN_LIMIT = 50_000;

/** A copy of a part of a line that does not keep the whole line in memory (V8 slices long substrings). */
const own = (part: string): string => (part.length < 13 ? part : Buffer.from(part, 'utf8').toString('utf8'));

/** Reads one line of GeoNames' tab-separated dump; null for a line that is not a town. */
export function parseTownLine(line: string): { town: Town; aliases: string[] } | null {
  const c = line.split('\t');
  if (c.length < 15 || c[6] !== 'P' || LEFT_OUT.has(c[7] ?? '')) return null;
  const id = Number(c[0]);
  const lat = Number(c[4]);
  const lon = Number(c[5]);
  const population = Number(c[14]) || 0;
  if (!Number.isInteger(id) || !Number.isFinite(lat) || !Number.isFinite(lon) || !c[1]) return null;
  const town: Town = { id, name: own(c[1]), country: own(c[8] ?? ''), admin1: own(c[10] ?? ''), admin2: own(c[11] ?? ''), population, lat, lon };
  const aliases = [c[2] ?? ''];
  if (population >= ALIAS_POPULATION && c[3]) aliases.push(...c[3].split(','));
  return { town, aliases };
}

export class GazetteerBuilder {
  private readonly towns: Town[] = [];
  private readonly entries: { key: string; town: number }[] = [];

  add(town: Town, aliases: readonly string[] = []): void {
    const index = this.towns.push(town) - 1;
    const own = placeKey(town.name);
    const keys = new Set(own ? [own] : []);
    for (const alias of aliases) {
      // Short all-capital names are codes (airports: "BRU", "XLD"), not names people type.
      if (CODE.test(alias)) continue;
      const key = placeKey(alias);
      if (key && isLatinKey(key)) keys.add(key);
    }
    for (const key of keys) this.entries.push({ key, town: index });
  }

  addLine(line: string): void {
    const parsed = parseTownLine(line);
    if (parsed) this.add(parsed.town, parsed.aliases);
  }

  build(): Gazetteer {
    // Sorted by key, then the most populous first: the first town of a key is the one people most likely mean.
    this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : this.towns[b.town]!.population - this.towns[a.town]!.population));
    return new Gazetteer(
      this.towns,
      this.entries.map((e) => e.key),
      Uint32Array.from(this.entries, (e) => e.town),
    );
  }
}

export class Gazetteer {
  private readonly byId = new Map<number, number>();

  constructor(
    private readonly towns: Town[],
    /** Sorted keys (one per town and name), and the town of each. */
    private readonly keys: string[],
    private readonly keyTown: Uint32Array,
  ) {
    towns.forEach((t, i) => this.byId.set(t.id, i));
  }

  get size(): number {
    return this.towns.length;
  }

  /** The first index whose key is not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  town(id: number): Town | null {
    const i = this.byId.get(id);
    return i === undefined ? null : this.towns[i]!;
  }

  /** The towns called exactly `name` (in any case, with or without accents…), the most populous first;
   *  those of `country` first when one is given. */
  lookup(name: string, country = ''): Town[] {
    const key = placeKey(name);
    if (!key) return [];
    const found = new Map<number, Town>();
    for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i] === key; i++) {
      const t = this.towns[this.keyTown[i]!]!;
      found.set(t.id, t);
    }
    return rank([...found.values()], country);
  }

  /** Up to `limit` towns whose name starts with `prefix`: exact names first, then the most populous. */
  suggest(prefix: string, limit: number, country = ''): Town[] {
    const key = placeKey(prefix);
    if (!key) return [];
    const exact = new Map<number, Town>();
    const starting = new Map<number, Town>();
    const end = Math.min(this.keys.length, this.lowerBound(key) + SCAN_LIMIT);
    for (let i = this.lowerBound(key); i < end; i++) {
      const k = this.keys[i]!;
      if (!k.startsWith(key)) break;
      const t = this.towns[this.keyTown[i]!]!;
      if (k === key) exact.set(t.id, t);
      else if (!exact.has(t.id)) starting.set(t.id, t);
    }
    for (const id of exact.keys()) starting.delete(id);
    return [...rank([...exact.values()], country), ...rank([...starting.values()], country)].slice(0, limit);
  }
}

function rank(towns: Town[], country: string): Town[] {
  return towns.sort((a, b) => Number(b.country === country) - Number(a.country === country) || b.population - a.population || a.id - b.id);
}
