// SPDX-License-Identifier: AGPL-3.0-or-later
// The ChatonsInfos key table, written by hand from the project's research notes
// (chatonsinfos-keys.tsv: GENERAL.md of StatoolInfos, the MODELES comments copied by
// the YunoHost package chatonsinfos_ynh). Where the sources give no mandatory level
// the key is `No`, unless a comment says otherwise.

/** Classes of ChatonsInfos files (`file.class`). */
export type FileClass = 'Federation' | 'Organization' | 'Service' | 'Device';

/** All file classes, in canonical spelling. */
export const FILE_CLASSES: readonly FileClass[] = ['Federation', 'Organization', 'Service', 'Device'];

/** Value types checked by the validator (StatoolInfos primitive types, plus a few specialisations). */
export type ValueType =
  | 'STRING'
  | 'URL' // http(s) URL
  | 'URI' // any `scheme:…` address (chat rooms: xmpp:, irc://, matrix…)
  | 'EMAIL'
  | 'DATE' // ISO yyyy-mm-dd, or dd/mm/yyyy as the MODELES and YunoHost write it
  | 'DATETIME'
  | 'DECIMAL_DEGREE' // decimal point or comma
  | 'COUNTRY_CODE' // ISO 3166-1 alpha-2
  | 'NUMERICS' // `;`-separated numbers, empty elements allowed (metrics)
  | 'ENUM';

/** Mandatory levels: Yes = error when missing, Wished = warning when missing, No = optional. */
export type Mandatory = 'Yes' | 'Wished' | 'No';

/** One row of the key table. */
export interface KeyDef {
  /** Full key; a final `*` stands for one or more further path segments. */
  key: string;
  type: ValueType;
  mandatory: Mandatory;
  /** Allowed values of an ENUM (compared case-insensitively). */
  values?: readonly string[];
  /** When true a value outside `values` is only a warning (list not confirmed by the sources). */
  valuesUnconfirmed?: boolean;
  /** Range of a DECIMAL_DEGREE. */
  min?: number;
  max?: number;
}

const ORG_STATUS = ['ACTIVE', 'IDLE', 'AWAY'] as const;

const def = (key: string, type: ValueType, mandatory: Mandatory = 'No', extra: Partial<KeyDef> = {}): KeyDef => ({
  key,
  type,
  mandatory,
  ...extra,
});

/** The key table. */
export const KEYS: readonly KeyDef[] = [
  // [File] — all mandatory according to GENERAL.md.
  def('file.class', 'ENUM', 'Yes', { values: FILE_CLASSES }),
  def('file.protocol', 'STRING', 'Yes'),
  def('file.datetime', 'DATETIME', 'Yes'),
  def('file.generator', 'STRING', 'Yes'),
  def('file.url', 'URL', 'Yes'),

  // [Federation]
  def('federation.name', 'STRING', 'Yes'),
  def('federation.description', 'STRING', 'Yes'),
  def('federation.website', 'URL', 'Yes'),
  def('federation.logo', 'URL', 'Wished'),
  def('federation.favicon', 'URL', 'Wished'),
  def('federation.contact.url', 'URL'),
  def('federation.contact.email', 'EMAIL', 'Yes'),
  def('federation.legal.url', 'URL'),

  // [Subs] subs.<id> = URL of a child file.
  def('subs.*', 'URL'),

  // [Organization]
  def('organization.name', 'STRING', 'Yes'),
  def('organization.description', 'STRING', 'Wished'),
  def('organization.type', 'ENUM', 'No', {
    values: ['ASSOCIATION', 'INFORMAL', 'COOPERATIVE', 'MICROCOMPANY', 'COMPANY', 'INDIVIDUAL', 'OTHER'],
  }),
  def('organization.status.level', 'ENUM', 'No', { values: ORG_STATUS }),
  def('organization.status.description', 'STRING'),
  def('organization.startdate', 'DATE'),
  def('organization.enddate', 'DATE'),
  def('organization.website', 'URL'),
  def('organization.logo', 'URL'),
  def('organization.contact.url', 'URL'),
  def('organization.contact.email', 'EMAIL'),
  def('organization.legal.url', 'URL'),
  def('organization.guide.technical', 'URL'),
  def('organization.guide.user', 'URL'),
  def('organization.memberof.chatons.status.level', 'ENUM', 'No', { values: ORG_STATUS }),
  def('organization.memberof.chatons.status.description', 'STRING'),
  def('organization.memberof.chatons.startdate', 'DATE'),
  def('organization.memberof.chatons.enddate', 'DATE'),
  def('organization.owner.name', 'STRING'),
  def('organization.owner.website', 'URL'),
  def('organization.owner.logo', 'URL'),
  def('organization.country.name', 'STRING'),
  def('organization.country.code', 'COUNTRY_CODE'),
  def('organization.geolocation.latitude', 'DECIMAL_DEGREE', 'No', { min: -90, max: 90 }),
  def('organization.geolocation.longitude', 'DECIMAL_DEGREE', 'No', { min: -180, max: 180 }),
  def('organization.geolocation.address', 'STRING'),
  ...['diaspora', 'facebook', 'funkwhale', 'mastodon', 'pleroma', 'mobilizon', 'peertube', 'pixelfed', 'twitter'].map(
    (n) => def(`organization.socialnetworks.${n}`, 'URL'),
  ),
  // The table says URL; chat rooms are often xmpp:/irc: addresses, so any URI is accepted.
  ...['xmpp', 'irc', 'matrix', 'rocketchat', 'mattermost'].map((n) => def(`organization.chatrooms.${n}`, 'URI')),
  // Funding list is open-ended ("custom" = home-made solution).
  def('organization.funding.*', 'URL'),

  // [Service] — no levels in the sources; service.name is Yes by analogy with organization.name.
  def('service.name', 'STRING', 'Yes'),
  def('service.description', 'STRING'),
  def('service.website', 'URL'),
  def('service.logo', 'URL'),
  def('service.legal.url', 'URL'),
  def('service.guide.technical', 'URL'),
  def('service.guide.user', 'URL'),
  def('service.contact.url', 'URL'),
  def('service.contact.email', 'EMAIL'),
  def('service.startdate', 'DATE'),
  def('service.enddate', 'DATE'),
  // STATUS type of GENERAL.md; `OK` is what the YunoHost package writes, accepted too.
  def('service.status.level', 'ENUM', 'No', { values: ['ON', 'MAINTENANCE', 'DOWN', 'OFF', 'DRAFT', 'OK'] }),
  def('service.status.description', 'STRING'),
  // None = no signup, Free = open and free, Member = members only, Client = commercial relationship.
  def('service.registration', 'ENUM', 'No', { values: ['None', 'Free', 'Member', 'Client'] }),
  def('service.registration.load', 'ENUM', 'No', { values: ['OPEN', 'FULL'] }),
  // Only DISTRIBUTION is confirmed (YunoHost); the others are recalled from the MODELES, unverified.
  def('service.install.type', 'ENUM', 'No', {
    values: ['DISTRIBUTION', 'PROVIDER', 'PACKAGE', 'TOOLING', 'CLONEREPO', 'ARCHIVE', 'SOURCES', 'CONTAINER'],
    valuesUnconfirmed: true,
  }),

  // [Software]
  def('software.name', 'STRING'),
  def('software.website', 'URL'),
  def('software.license.url', 'URL'),
  def('software.license.name', 'STRING'), // an SPDX identifier, not checked
  def('software.source.url', 'URL'),
  def('software.version', 'STRING'),
  def('software.modules', 'STRING'),

  // [Host] — an older draft had host.name Yes, host.description Wished.
  def('host.name', 'STRING', 'Yes'),
  def('host.description', 'STRING', 'Wished'),
  def('host.server.distribution', 'STRING'),
  def('host.server.type', 'ENUM', 'No', { values: ['NANO', 'PHYSICAL', 'VIRTUAL', 'SHARED', 'CLOUD'] }),
  def('host.provider.type', 'ENUM', 'No', { values: ['HOME', 'HOSTEDBAY', 'HOSTEDSERVER', 'OUTSOURCED'] }),
  def('host.provider.hypervisor', 'STRING'),
  def('host.country.name', 'STRING'),
  def('host.country.code', 'COUNTRY_CODE'),

  // [Metrics] — key names not confirmed; values are `;`-separated number series.
  def('metrics.*', 'NUMERICS'),
];

/** Sections (first key segment) each file class may contain (CONCEPT.md; Device is a host description). */
export const CLASS_SECTIONS: Readonly<Record<FileClass, readonly string[]>> = {
  Federation: ['file', 'federation', 'subs', 'metrics'],
  Organization: ['file', 'organization', 'subs', 'metrics'],
  Service: ['file', 'service', 'host', 'software', 'metrics'],
  Device: ['file', 'host', 'metrics'],
};

/**
 * Renamed keys, written name → current name. Sources: the Chapril example of CONCEPT.md
 * (older protocol). Besides these, any key whose lower-case form is a known key is read
 * as that key (camelCase `startDate`, `endDate` in any section).
 */
export const LEGACY_KEYS: Readonly<Record<string, string>> = {
  'organization.startDate': 'organization.startdate',
  'organization.endDate': 'organization.enddate',
  // "technical.url" became the technical guide (inferred from the current key list).
  'organization.technical.url': 'organization.guide.technical',
};

/** Keys of older protocol versions that have no current equivalent. */
export const OBSOLETE_KEYS: ReadonlySet<string> = new Set([
  'organization.geography', // Chapril example; replaced by country.* / geolocation.*
  'host.provider', // older draft; now host.provider.type (an enumeration, not a name)
]);

/**
 * Other spellings of `file.class` values, lower-cased → canonical class.
 * Canonical names are matched case-insensitively without any warning.
 */
export const FILE_CLASS_ALIASES: Readonly<Record<string, FileClass>> = {
  organisation: 'Organization', // French/British spelling
  host: 'Device', // a file describing a host
  hosting: 'Device',
};

const EXACT = new Map(KEYS.filter((d) => !d.key.endsWith('*')).map((d) => [d.key, d]));
const PREFIXES = KEYS.filter((d) => d.key.endsWith('*')).map((d) => ({ prefix: d.key.slice(0, -1), def: d }));

/** Finds the table row of a (current) key, including `subs.*`-style patterns. */
export function findKeyDef(key: string): KeyDef | undefined {
  const exact = EXACT.get(key);
  if (exact) return exact;
  return PREFIXES.find((p) => key.startsWith(p.prefix) && key.length > p.prefix.length)?.def;
}

/** Returns the section (first path segment) of a key. */
export function sectionOf(key: string): string {
  const dot = key.indexOf('.');
  return dot === -1 ? key : key.slice(0, dot);
}
