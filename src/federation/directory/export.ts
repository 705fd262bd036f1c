// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory as data: JSON objects, GeoJSON features, CSV rows.
import type { Organization, Service } from './query.js';
import { membershipOf } from './labels.js';
import { csvDocument } from '../../server/csv.js';

export function serviceJson(s: Service) {
  return {
    name: s.name,
    description: s.description,
    website: s.website,
    kind: s.kind,
    software: s.software_name,
    license: s.license,
    registration: s.registration,
    registrationLoad: s.registration_load,
    status: s.status_level,
    health: s.health,
    healthCheckedAt: s.health_checked_at,
    file: s.url,
  };
}

function links(json: string): Record<string, string> {
  try {
    return JSON.parse(json) as Record<string, string>;
  } catch {
    return {};
  }
}

export function organizationJson(base: string, org: Organization, services: Service[], distanceKm: number | null = null) {
  return {
    slug: org.slug,
    name: org.name,
    description: org.description,
    page: `${base}/directory/c/${org.slug}`,
    file: org.url,
    type: org.type,
    membership: membershipOf(org.memberof_level),
    status: org.status_level,
    website: org.website,
    contactEmail: org.contact_email,
    contactUrl: org.contact_url,
    country: org.country_code,
    address: org.address,
    latitude: org.latitude,
    longitude: org.longitude,
    funding: links(org.funding),
    socials: links(org.socials),
    crawledAt: org.crawled_at,
    problems: org.problems,
    ...(distanceKm !== null ? { distanceKm: Math.round(distanceKm * 10) / 10 } : {}),
    services: services.map(serviceJson),
  };
}

export function geojson(base: string, all: { org: Organization; services: Service[] }[]) {
  return {
    type: 'FeatureCollection' as const,
    features: all
      .filter(({ org }) => org.latitude !== null && org.longitude !== null)
      .map(({ org, services }) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [org.longitude!, org.latitude!] },
        properties: {
          slug: org.slug,
          name: org.name,
          page: `${base}/directory/c/${org.slug}`,
          country: org.country_code,
          type: org.type,
          membership: membershipOf(org.memberof_level),
          services: services.length,
          kinds: [...new Set(services.map((s) => s.kind))].sort(),
          noSignup: services.some((s) => s.registration === 'None'),
        },
      })),
  };
}

const CSV_COLUMNS = ['organization', 'slug', 'country', 'type', 'membership', 'latitude', 'longitude', 'website', 'service', 'kind', 'software', 'registration', 'service_website', 'health'];

export function csv(all: { org: Organization; services: Service[] }[]): string {
  const lines: (string | number | null)[][] = [];
  for (const { org, services } of all) {
    const head = [org.name, org.slug, org.country_code, org.type, membershipOf(org.memberof_level), org.latitude, org.longitude, org.website];
    const rows = services.length ? services.map((s) => [s.name, s.kind, s.software_name, s.registration, s.website, s.health]) : [['', '', '', '', '', '']];
    for (const r of rows) lines.push([...head, ...r]);
  }
  return csvDocument(CSV_COLUMNS, lines);
}
