// SPDX-License-Identifier: AGPL-3.0-or-later
// Turns parsed organization and service files into directory rows.
import { getValue, getNumber, getDate, unquote, type ChatonsInfosDocument } from '../chatonsinfos/index.js';
import { kindOf } from '../kinds.js';
import type { DirOrganizationsTable, DirServicesTable } from '../schema.js';

/** What an organization file says, as the directory stores it (funding and socials not yet as JSON). */
export type OrganizationInfo = Omit<DirOrganizationsTable, 'url' | 'slug' | 'funding' | 'socials' | 'search' | 'crawled_at' | 'problems'> & {
  funding: Record<string, string>;
  socials: Record<string, string>;
};

/** What a service file says, as the directory stores it. */
export type ServiceInfo = Omit<DirServicesTable, 'url' | 'org_url' | 'health' | 'health_checked_at' | 'crawled_at'>;

const s = (doc: ChatonsInfosDocument, key: string, max = 2000): string => unquote(getValue(doc, key) ?? '').slice(0, max);
const http = (v: string): string => (/^https?:\/\//i.test(v) ? v : '');

function prefixed(doc: ChatonsInfosDocument, prefixes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of doc.entries) {
    const p = prefixes.find((x) => e.key.startsWith(x));
    const v = unquote(e.value);
    if (p && v && /^(https?|xmpp|irc|ircs|matrix):/i.test(v)) out[e.key.slice(p.length)] = v.slice(0, 500);
  }
  return out;
}

function degree(doc: ChatonsInfosDocument, key: string, limit: number): number | null {
  const n = getNumber(doc, key);
  return n === undefined || Math.abs(n) > limit ? null : n;
}

const upper = (v: string): string => v.toUpperCase();

export function extractOrganization(doc: ChatonsInfosDocument): OrganizationInfo {
  const lat = degree(doc, 'organization.geolocation.latitude', 90);
  const lon = degree(doc, 'organization.geolocation.longitude', 180);
  return {
    name: s(doc, 'organization.name', 200),
    description: s(doc, 'organization.description'),
    type: upper(s(doc, 'organization.type', 40)),
    status_level: upper(s(doc, 'organization.status.level', 40)),
    memberof_level: upper(s(doc, 'organization.memberof.chatons.status.level', 40)),
    memberof_startdate: getDate(doc, 'organization.memberof.chatons.startdate') ?? '',
    startdate: getDate(doc, 'organization.startdate') ?? '',
    enddate: getDate(doc, 'organization.enddate') ?? '',
    website: http(s(doc, 'organization.website', 500)),
    logo: http(s(doc, 'organization.logo', 500)),
    contact_email: s(doc, 'organization.contact.email', 200),
    contact_url: http(s(doc, 'organization.contact.url', 500)),
    country_code: upper(s(doc, 'organization.country.code', 2)),
    country_name: s(doc, 'organization.country.name', 100),
    latitude: lat !== null && lon !== null ? lat : null,
    longitude: lat !== null && lon !== null ? lon : null,
    address: s(doc, 'organization.geolocation.address', 300),
    funding: prefixed(doc, ['organization.funding.']),
    socials: prefixed(doc, ['organization.socialnetworks.', 'organization.chatrooms.']),
  };
}

/** service.registration, with its case fixed: None, Free, Member, Client or ''. */
export function normalizeRegistration(value: string): string {
  const v = value.trim().toLowerCase();
  return ({ none: 'None', free: 'Free', member: 'Member', client: 'Client' } as Record<string, string>)[v] ?? '';
}

export function extractService(doc: ChatonsInfosDocument): ServiceInfo {
  const name = s(doc, 'service.name', 200);
  const software = s(doc, 'software.name', 100);
  return {
    name,
    description: s(doc, 'service.description'),
    website: http(s(doc, 'service.website', 500)),
    kind: kindOf(software, name),
    software_name: software,
    software_website: http(s(doc, 'software.website', 500)),
    license: s(doc, 'software.license.name', 100),
    registration: normalizeRegistration(s(doc, 'service.registration', 20)),
    registration_load: upper(s(doc, 'service.registration.load', 10)),
    status_level: upper(s(doc, 'service.status.level', 20)),
    startdate: getDate(doc, 'service.startdate') ?? '',
    enddate: getDate(doc, 'service.enddate') ?? '',
  };
}
