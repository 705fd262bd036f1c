// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading the directory: the filtered list of chatons with their services, one chaton, the facets.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { Database } from '../../storage/schema.js';
import type { DirOrganizationsTable, DirServicesTable } from '../schema.js';
import { CONDITIONS, distanceKm, type Filters } from './filters.js';
import type { Position } from './near.js';

export type Organization = DirOrganizationsTable;
export type Service = DirServicesTable;
export interface ListedOrganization { org: Organization; services: Service[]; distanceKm: number | null }
export interface ListResult { items: ListedOrganization[]; total: number; pages: number; page: number; origin: Position | null }

export const PAGE_SIZE = 30;

// Backslashes are dropped (PostgreSQL reads them as escapes); % and _ stay harmless wildcards.
const escapeLike = (text: string): string => text.replace(/\\/g, '');

type OrgEb = ExpressionBuilder<Database, 'dir_organizations'>;

function serviceFilter(eb: ExpressionBuilder<Database, 'dir_services'>, f: Filters): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.kind) where.push(eb('dir_services.kind', '=', f.kind));
  if (f.software) where.push(eb(eb.fn('lower', ['dir_services.software_name']), '=', f.software.toLowerCase()));
  if (f.conditions.length) where.push(eb('dir_services.registration', 'in', f.conditions.map((c) => CONDITIONS[c])));
  return where;
}

const hasServiceFilter = (f: Filters): boolean => Boolean(f.kind || f.software || f.conditions.length);

function orgWhere(eb: OrgEb, f: Filters): Expression<SqlBool> {
  const where: Expression<SqlBool>[] = [];
  if (f.country) where.push(eb('country_code', '=', f.country));
  if (f.type) where.push(eb('type', '=', f.type));
  if (f.status === 'gestation') where.push(eb('memberof_level', 'not in', ['ACTIVE', 'IDLE', 'AWAY']));
  else if (f.status) where.push(eb('memberof_level', '=', f.status.toUpperCase()));
  // Non-correlated subqueries: run once, using the services' (kind, registration) index.
  if (hasServiceFilter(f)) {
    where.push(eb('url', 'in', eb.selectFrom('dir_services').select('dir_services.org_url').where((se) => se.and(serviceFilter(se, f)))));
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q.toLowerCase())}%`;
    where.push(
      eb.or([
        eb('search', 'like', pattern),
        eb(
          'url',
          'in',
          eb
            .selectFrom('dir_services')
            .select('dir_services.org_url')
            .where((se) => se.or([se(se.fn('lower', ['dir_services.name']), 'like', pattern), se(se.fn('lower', ['dir_services.software_name']), 'like', pattern)])),
        ),
      ]),
    );
  }
  return eb.and(where);
}

/** The chatons matching `f`, the nearest to `origin` first when there is one, else by name. */
export async function listOrganizations(db: Db, f: Filters, origin: Position | null, pageSize = PAGE_SIZE): Promise<ListResult> {
  let orgs: Organization[];
  let total: number;
  let distances = new Map<string, number>();
  if (origin) {
    // Sorting by distance needs every match; a federation has at most a few thousand chatons.
    const all = await db.selectFrom('dir_organizations').selectAll().where((eb) => orgWhere(eb, f)).execute();
    for (const o of all) if (o.latitude !== null && o.longitude !== null) distances.set(o.url, distanceKm(origin.lat, origin.lon, o.latitude, o.longitude));
    all.sort((a, b) => (distances.get(a.url) ?? Infinity) - (distances.get(b.url) ?? Infinity) || a.name.localeCompare(b.name));
    total = all.length;
    orgs = all.slice((f.page - 1) * pageSize, f.page * pageSize);
  } else {
    const count = await db.selectFrom('dir_organizations').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => orgWhere(eb, f)).executeTakeFirst();
    total = Number(count?.n ?? 0);
    orgs = await db
      .selectFrom('dir_organizations')
      .selectAll()
      .where((eb) => orgWhere(eb, f))
      .orderBy((eb) => eb.fn('lower', ['name']))
      .orderBy('url')
      .limit(pageSize)
      .offset((f.page - 1) * pageSize)
      .execute();
    distances = new Map();
  }
  const services = orgs.length
    ? await db
        .selectFrom('dir_services')
        .selectAll()
        .where('org_url', 'in', orgs.map((o) => o.url))
        .where((eb) => eb.and(hasServiceFilter(f) ? serviceFilter(eb, f) : []))
        .orderBy('name')
        .execute()
    : [];
  const byOrg = new Map<string, Service[]>();
  for (const s of services) byOrg.set(s.org_url, [...(byOrg.get(s.org_url) ?? []), s]);
  return {
    items: orgs.map((org) => ({ org, services: byOrg.get(org.url) ?? [], distanceKm: distances.get(org.url) ?? null })),
    total,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    page: f.page,
    origin,
  };
}

export interface Facets { kinds: string[]; software: string[]; countries: string[] }

let facetCache: { at: number; db: Db; value: Facets } | undefined;

/** The values offered by the filter's lists (cached for a minute). */
export async function facets(db: Db): Promise<Facets> {
  if (facetCache && facetCache.db === db && Date.now() - facetCache.at < 60_000) return facetCache.value;
  const [kinds, software, countries] = await Promise.all([
    db.selectFrom('dir_services').select('kind').distinct().orderBy('kind').execute(),
    db.selectFrom('dir_services').select('software_name').distinct().where('software_name', '!=', '').orderBy('software_name').limit(300).execute(),
    db.selectFrom('dir_organizations').select('country_code').distinct().where('country_code', '!=', '').orderBy('country_code').execute(),
  ]);
  const value = { kinds: kinds.map((k) => k.kind), software: software.map((s) => s.software_name), countries: countries.map((c) => c.country_code) };
  facetCache = { at: Date.now(), db, value };
  return value;
}

/** Forgets the cached facets (after a crawl). */
export function clearFacets(): void {
  facetCache = undefined;
}

export async function findOrganization(db: Db, slug: string): Promise<{ org: Organization; services: Service[] } | null> {
  const org = await db.selectFrom('dir_organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!org) return null;
  const services = await db.selectFrom('dir_services').selectAll().where('org_url', '=', org.url).orderBy('name').execute();
  return { org, services };
}

/** Every chaton with its services, for the exports. */
export async function everything(db: Db): Promise<{ org: Organization; services: Service[] }[]> {
  const orgs = await db.selectFrom('dir_organizations').selectAll().orderBy('name').execute();
  const services = await db.selectFrom('dir_services').selectAll().orderBy('name').execute();
  const byOrg = new Map<string, Service[]>();
  for (const s of services) byOrg.set(s.org_url, [...(byOrg.get(s.org_url) ?? []), s]);
  return orgs.map((org) => ({ org, services: byOrg.get(org.url) ?? [] }));
}
