// SPDX-License-Identifier: AGPL-3.0-or-later
// This chaton described in ChatonsInfos: organization.properties and one service-<id>.properties per
// published service, generated from the config, the registry, the openings and the health checks.
import type { Core } from '../../core.js';
import type { Opening } from '../../config/schema.js';
import { readStatuses } from '../../portal/services/health.js';
import { writeProperties } from '../chatonsinfos/index.js';
import { publicUrl } from '../../config/public-url.js';
import { translator } from '../../i18n/index.js';
import { openingSentence } from '../../portal/ui/opening-sentence.js';

export const WELL_KNOWN = '/.well-known/chatonsinfos/';
export const PROTOCOL = 'ChatonsInfos-0.5';
const GENERATOR = 'chaton 0.1.0';

/** ChatonsInfos service.registration for an opening; closed services are not published. */
export const REGISTRATION: Record<Opening, string | null> = { public: 'None', signup: 'Free', members: 'Member', closed: null };

export interface PublishedFile { name: string; text: string }

type Entry = { key: string; value: string };

function base(core: Core): string {
  return publicUrl(core.config);
}

function fileHeader(core: Core, fileClass: string, name: string, now: Date): Entry[] {
  return [
    { key: 'file.class', value: fileClass },
    { key: 'file.protocol', value: PROTOCOL },
    { key: 'file.datetime', value: now.toISOString().slice(0, 19) },
    { key: 'file.generator', value: GENERATOR },
    { key: 'file.url', value: `${base(core)}${WELL_KNOWN}${name}` },
  ];
}

const put = (out: Entry[], key: string, value: string | number | undefined): void => {
  if (value !== undefined && value !== '') out.push({ key, value: String(value) });
};

/** The services this chaton publishes: every one whose opening is not closed. */
export function publishedServices(core: Core): { id: string; registration: string }[] {
  return core.services
    .all()
    .map((s) => ({ id: s.id, registration: REGISTRATION[core.openings.get(s.id).opening] }))
    .filter((s): s is { id: string; registration: string } => s.registration !== null);
}

export function serviceFileName(id: string): string {
  return `service-${id}.properties`;
}

export function organizationFile(core: Core, now = new Date()): PublishedFile {
  const { chaton } = core.config;
  const name = 'organization.properties';
  const out = fileHeader(core, 'Organization', name, now);
  put(out, 'organization.name', chaton.name);
  put(out, 'organization.description', chaton.description_fr || chaton.description_en);
  put(out, 'organization.type', chaton.type);
  put(out, 'organization.status.level', 'ACTIVE');
  put(out, 'organization.startdate', chaton.startdate);
  put(out, 'organization.website', chaton.website ?? base(core));
  put(out, 'organization.contact.email', chaton.contact_email);
  put(out, 'organization.legal.url', `${base(core)}/charters/anonymous`);
  put(out, 'organization.country.code', chaton.country_code);
  put(out, 'organization.geolocation.latitude', chaton.latitude);
  put(out, 'organization.geolocation.longitude', chaton.longitude);
  put(out, 'organization.geolocation.address', chaton.place);
  for (const s of publishedServices(core)) out.push({ key: `subs.${s.id}`, value: `${base(core)}${WELL_KNOWN}${serviceFileName(s.id)}` });
  return { name, text: writeProperties(out, { header: `${chaton.name} — ChatonsInfos (organization)` }) };
}

const STATUS_LEVEL = { up: 'ON', down: 'DOWN', unknown: 'ON' } as const;

/** The file of one service, or null when it is closed or unknown. */
export async function serviceFile(core: Core, id: string, now = new Date()): Promise<PublishedFile | null> {
  const entry = core.services.get(id);
  const registration = entry ? REGISTRATION[core.openings.get(id).opening] : null;
  if (!entry || !registration) return null;
  const status = (await readStatuses(core.db, core.services)).get(id);
  const name = serviceFileName(id);
  const website = /^https?:\/\//.test(entry.href) ? entry.href : `${base(core)}${entry.href}`;
  const out = fileHeader(core, 'Service', name, now);
  put(out, 'service.name', entry.name.fr || entry.name.en);
  // Who may use it comes from the current opening, not from the fixed description.
  const lang = entry.description.fr ? 'fr' : 'en';
  const description = `${entry.description[lang]} ${openingSentence(translator(lang), core.openings.get(id))}`.trim();
  put(out, 'service.description', description);
  put(out, 'service.website', website);
  put(out, 'service.legal.url', `${base(core)}/charters/${registration === 'None' ? 'anonymous' : 'member'}`);
  put(out, 'service.contact.email', core.config.chaton.contact_email);
  put(out, 'service.status.level', STATUS_LEVEL[status?.status ?? 'unknown']);
  put(out, 'service.registration', registration);
  put(out, 'service.registration.load', 'OPEN');
  put(out, 'software.name', entry.software.name);
  put(out, 'software.version', entry.software.version);
  put(out, 'software.license.name', entry.software.license);
  put(out, 'software.source.url', entry.software.sourceUrl);
  put(out, 'host.name', core.config.chaton.name);
  put(out, 'host.description', core.config.chaton.place || core.config.chaton.name);
  put(out, 'host.country.code', core.config.chaton.country_code);
  return { name, text: writeProperties(out, { header: `${core.config.chaton.name} — ChatonsInfos (service ${id})` }) };
}

/** Every published file, organization first. */
export async function allFiles(core: Core): Promise<PublishedFile[]> {
  const now = new Date();
  const files = [organizationFile(core, now)];
  for (const s of publishedServices(core)) {
    const f = await serviceFile(core, s.id, now);
    if (f) files.push(f);
  }
  return files;
}
