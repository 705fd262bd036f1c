// SPDX-License-Identifier: AGPL-3.0-or-later
// The list's filters, read from the query string (a plain GET form: works without JavaScript).
import { AppError } from '../../server/errors.js';

export const CONDITIONS = { none: 'None', free: 'Free', members: 'Member', paid: 'Client' } as const;
export type Condition = keyof typeof CONDITIONS;
export const MEMBERSHIPS = ['active', 'idle', 'away', 'gestation'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];
export const ORG_TYPES = ['ASSOCIATION', 'INFORMAL', 'COOPERATIVE', 'MICROCOMPANY', 'COMPANY', 'INDIVIDUAL', 'OTHER'] as const;

export interface Filters {
  q: string;
  kind: string;
  software: string;
  conditions: Condition[];
  country: string;
  type: string;
  status: Membership | '';
  /** A position to sort by distance: from the browser; else `town`, or a town or chaton matching `place` (near.ts). */
  lat: number | null;
  lon: number | null;
  place: string;
  /** A town of the gazetteer chosen among several of one name (its GeoNames id). */
  town: number | null;
  page: number;
}

export type RawQuery = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined, max = 100): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim().slice(0, max);
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

function coordinate(v: string, limit: number): number | null {
  if (v === '') return null;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new AppError(400, 'directory.error.badPosition');
  return n;
}

export function parseFilters(query: RawQuery): Filters {
  const lat = coordinate(one(query.lat, 30), 90);
  const lon = coordinate(one(query.lon, 30), 180);
  const status = one(query.status);
  const page = Number(one(query.page, 6));
  const town = one(query.town, 10);
  return {
    q: one(query.q, 200),
    kind: one(query.kind, 40).toLowerCase(),
    software: one(query.software, 100),
    conditions: many(query.conditions).filter((c): c is Condition => c in CONDITIONS),
    country: one(query.country, 2).toUpperCase(),
    type: one(query.type, 20).toUpperCase(),
    status: (MEMBERSHIPS as readonly string[]).includes(status) ? (status as Membership) : '',
    lat: lat !== null && lon !== null ? lat : null,
    lon: lat !== null && lon !== null ? lon : null,
    place: one(query.place, 100),
    town: /^[1-9][0-9]{0,9}$/.test(town) ? Number(town) : null,
    page: Number.isInteger(page) && page > 0 && page < 10000 ? page : 1,
  };
}

/** The query string of these filters, with `change` applied (for pagination links). */
export function filtersQuery(f: Filters, change: Partial<Filters> = {}): string {
  const g = { ...f, ...change };
  const p = new URLSearchParams();
  if (g.q) p.set('q', g.q);
  if (g.kind) p.set('kind', g.kind);
  if (g.software) p.set('software', g.software);
  for (const c of g.conditions) p.append('conditions', c);
  if (g.country) p.set('country', g.country);
  if (g.type) p.set('type', g.type);
  if (g.status) p.set('status', g.status);
  if (g.lat !== null && g.lon !== null) {
    p.set('lat', String(g.lat));
    p.set('lon', String(g.lon));
  }
  if (g.place) p.set('place', g.place);
  if (g.town !== null) p.set('town', String(g.town));
  if (g.page > 1) p.set('page', String(g.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Great-circle distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}
