// SPDX-License-Identifier: AGPL-3.0-or-later
// Turns parsed organization and service files into directory rows.
import { truncateText } from '../../i18n/text-length.js';
import { getValue, getNumber, getDate, unquote, isHttpUrl, isEmail, isCountryCode, isUri, KEYS, type ChatonsInfosDocument } from '../chatonsinfos/index.js';
import { kindOf } from '../kinds.js';
import type { DirOrganizationsTable, DirServicesTable } from '../schema.js';

/** What an organization file says, as the directory stores it (funding and socials not yet as JSON). */
export type OrganizationInfo = Omit<DirOrganizationsTable, 'url' | 'slug' | 'funding' | 'socials' | 'search' | 'crawled_at' | 'problems'> & {
  funding: Record<string, string>;
  socials: Record<string, string>;
};

/** What a service file says, as the directory stores it. */
export type ServiceInfo = Omit<DirServicesTable, 'url' | 'org_url' | 'health' | 'health_checked_at' | 'crawled_at'>;

// Every value shown or followed is checked here too, whatever the validator said: text is cut to a
// length, a link is kept whole or dropped (a cut URL is another URL), an enum keeps only known values.
const s = (doc: ChatonsInfosDocument, key: string, max = 2000): string => truncateText(unquote(getValue(doc, key) ?? ''), max);
const whole = (doc: ChatonsInfosDocument, key: string, max: number, ok: (v: string) => boolean): string => {
  const v = unquote(getValue(doc, key) ?? '');
  return v.length <= max && ok(v) ? v : '';
};
const link = (doc: ChatonsInfosDocument, key: string): string => whole(doc, key, 500, isHttpUrl);
const enumOf = (key: string): ReadonlySet<string> => new Set((KEYS.find((k) => k.key === key)?.values ?? []).map((v) => v.toUpperCase()));
const known = (doc: ChatonsInfosDocument, key: string): string => {
  const v = s(doc, key, 40).toUpperCase();
  return enumOf(key).has(v) ? v : '';
};

/** At most this many funding links, and as many social links, per organization. */
export const MAX_LINKS = 30;
const SCHEMES = /^(https?|xmpp|irc|ircs|matrix):/i;

function prefixed(doc: ChatonsInfosDocument, prefixes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const e of doc.entries) {
    const p = prefixes.find((x) => e.key.startsWith(x));
    if (!p) continue;
    const name = e.key.slice(p.length);
    const v = unquote(e.value);
    const ok = SCHEMES.test(v) && (/^https?:/i.test(v) ? isHttpUrl(v) : isUri(v));
    if (!name || name.length > 60 || !ok || v.length > 500) continue;
    if (!(name in out) && ++n > MAX_LINKS) break;
    out[name] = v;
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
    type: known(doc, 'organization.type'),
    status_level: known(doc, 'organization.status.level'),
    memberof_level: known(doc, 'organization.memberof.chatons.status.level'),
    memberof_startdate: getDate(doc, 'organization.memberof.chatons.startdate') ?? '',
    startdate: getDate(doc, 'organization.startdate') ?? '',
    enddate: getDate(doc, 'organization.enddate') ?? '',
    website: link(doc, 'organization.website'),
    logo: link(doc, 'organization.logo'),
    contact_email: whole(doc, 'organization.contact.email', 200, (v) => isEmail(v) && !/[?&#/:<>"]/.test(v)),
    contact_url: link(doc, 'organization.contact.url'),
    country_code: upper(whole(doc, 'organization.country.code', 2, isCountryCode)),
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
    website: link(doc, 'service.website'),
    kind: kindOf(software, name),
    software_name: software,
    software_website: link(doc, 'software.website'),
    license: s(doc, 'software.license.name', 100),
    registration: normalizeRegistration(s(doc, 'service.registration', 20)),
    registration_load: known(doc, 'service.registration.load'),
    status_level: known(doc, 'service.status.level'),
    startdate: getDate(doc, 'service.startdate') ?? '',
    enddate: getDate(doc, 'service.enddate') ?? '',
  };
}
