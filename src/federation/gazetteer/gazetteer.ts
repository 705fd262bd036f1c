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

/** Strings met many times (country and administrative codes) stored once, referred to by number. */
class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) this.index.set(value, (i = this.values.push(value) - 1));
    return i;
  }
}

/** The towns in columns (typed arrays): a fifth of the memory of one object per town. */
interface Columns {
  ids: Uint32Array;
  names: string[];
  lat: Float32Array;
  lon: Float32Array;
  population: Uint32Array;
  country: Uint16Array;
  admin1: Uint32Array;
  admin2: Uint32Array;
  codes: string[];
}

export class GazetteerBuilder {
  private readonly towns: Town[] = [];
  private readonly entries: { key: string; town: number; alias: boolean }[] = [];

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
    for (const key of keys) this.entries.push({ key, town: index, alias: key !== own });
  }

  addLine(line: string): void {
    const parsed = parseTownLine(line);
    if (parsed) this.add(parsed.town, parsed.aliases);
  }

  build(): Gazetteer {
    const t = this.towns;
    // Sorted by key, then the most populous first: the first town of a key is the one people most likely mean.
    this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : t[b.town]!.population - t[a.town]!.population));
    const codes = new Interned();
    const columns: Columns = {
      ids: Uint32Array.from(t, (x) => x.id),
      names: t.map((x) => x.name),
      lat: Float32Array.from(t, (x) => x.lat),
      lon: Float32Array.from(t, (x) => x.lon),
      population: Uint32Array.from(t, (x) => x.population),
      country: Uint16Array.from(t, (x) => codes.of(x.country)),
      admin1: Uint32Array.from(t, (x) => codes.of(x.admin1)),
      admin2: Uint32Array.from(t, (x) => codes.of(x.admin2)),
      codes: codes.values,
    };
    return new Gazetteer(
      columns,
      this.entries.map((e) => e.key),
      Uint32Array.from(this.entries, (e) => e.town),
      Uint8Array.from(this.entries, (e) => Number(e.alias)),
    );
  }
}

export class Gazetteer {
  private readonly byId = new Map<number, number>();

  constructor(
    private readonly columns: Columns,
    /** Sorted keys (one per town and name), and the town of each. */
    private readonly keys: string[],
    private readonly keyTown: Uint32Array,
    /** 1 where the key is another name of the town, not its own. */
    private readonly keyIsAlias: Uint8Array,
  ) {
    columns.ids.forEach((id, i) => this.byId.set(id, i));
  }

  /** The town at row `i`, as an object (made on demand: only a few are ever asked for at once). */
  private at(i: number): Town {
    const c = this.columns;
    // Coordinates are kept to 5 decimals (about a metre), as GeoNames gives them.
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    return { id: c.ids[i]!, name: c.names[i]!, country: c.codes[c.country[i]!]!, admin1: c.codes[c.admin1[i]!]!, admin2: c.codes[c.admin2[i]!]!, population: c.population[i]!, lat: round(c.lat[i]!), lon: round(c.lon[i]!) };
  }

  get size(): number {
    return this.columns.ids.length;
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
    return i === undefined ? null : this.at(i);
  }

  /** The towns called exactly `name` (in any case, with or without accents…), the most populous first;
   *  those of `country` first when one is given. */
  lookup(name: string, country = ''): Town[] {
    const key = placeKey(name);
    if (!key) return [];
    const rows = new Set<number>();
    for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i] === key; i++) rows.add(this.keyTown[i]!);
    return this.ranked([...rows], country).map((row) => this.at(row));
  }

  /** Up to `limit` towns whose name starts with `prefix`: exact names first, then the towns whose own name
   *  starts so, then those whose other name does ("Santo Domingo" for "saint d" comes after every Saint-D…);
   *  in each group the most populous first. */
  suggest(prefix: string, limit: number, country = ''): Town[] {
    const key = placeKey(prefix);
    if (!key) return [];
    const exact = new Set<number>();
    const starting = new Set<number>();
    const byAlias = new Set<number>();
    const start = this.lowerBound(key);
    const end = Math.min(this.keys.length, start + SCAN_LIMIT);
    for (let i = start; i < end; i++) {
      const k = this.keys[i]!;
      if (!k.startsWith(key)) break;
      (k === key ? exact : this.keyIsAlias[i] ? byAlias : starting).add(this.keyTown[i]!);
    }
    for (const row of exact) starting.delete(row);
    for (const row of [...exact, ...starting]) byAlias.delete(row);
    return [...this.ranked([...exact], country), ...this.ranked([...starting], country), ...this.ranked([...byAlias], country)].slice(0, limit).map((row) => this.at(row));
  }

  /** Rows of `country` first, then the most populous (then by id, for a stable order). */
  private ranked(rows: number[], country: string): number[] {
    const c = this.columns;
    const wanted = country ? c.codes.indexOf(country) : -1;
    return rows.sort((a, b) => Number(c.country[b] === wanted) - Number(c.country[a] === wanted) || c.population[b]! - c.population[a]! || c.ids[a]! - c.ids[b]!);
  }
}

