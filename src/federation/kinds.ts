// SPDX-License-Identifier: AGPL-3.0-or-later
// Kinds of service ("I want a pad"): ChatonsInfos has no such key, so the kind comes from the software
// name (Etherpad → pad) or, failing that, from words of the service name.

const BY_SOFTWARE: Record<string, string[]> = {
  pad: ['etherpad', 'etherpad-lite', 'hedgedoc', 'codimd', 'cryptpad', 'framapad', 'chaton pad'],
  paste: ['privatebin', 'zerobin', 'chaton paste', 'hastebin'],
  drop: ['lufi', 'firefox send', 'send', 'plik', 'jirafeau', 'framadrop', 'chaton drop', 'psitransfer'],
  poll: ['framadate', 'opensondage', 'rallly', 'chaton poll', 'croodle'],
  visio: ['jitsi', 'jitsi meet', 'bigbluebutton', 'galene', 'galène'],
  calc: ['ethercalc'],
  shortener: ['polr', 'lstu', 'rs-short', 'yourls', 'kutt'],
  images: ['lutim', 'pictshare'],
  board: ['scrumblr', 'wekan', 'kanboard'],
  cloud: ['nextcloud', 'owncloud', 'seafile'],
  mail: ['postfix', 'dovecot', 'roundcube', 'rainloop', 'snappymail', 'sogo', 'mailman', 'sympa'],
  chat: ['mattermost', 'rocket.chat', 'rocketchat', 'element', 'synapse', 'prosody', 'ejabberd', 'movim', 'zulip'],
  forms: ['yakforms', 'framaforms', 'limesurvey'],
  forge: ['gitea', 'forgejo', 'gitlab'],
  social: ['mastodon', 'pleroma', 'akkoma', 'misskey', 'diaspora', 'friendica'],
  video: ['peertube'],
  search: ['searx', 'searxng'],
  rss: ['freshrss', 'tt-rss', 'tiny tiny rss'],
  wiki: ['dokuwiki', 'mediawiki', 'bookstack', 'wiki.js'],
  blog: ['wordpress', 'writefreely', 'plume', 'dotclear'],
  events: ['mobilizon'],
};

const BY_WORD: [RegExp, string][] = [
  [/\bpads?\b|bloc-notes/i, 'pad'],
  [/\bpaste|bin\b/i, 'paste'],
  [/sondage|\bpoll|\bdate\b/i, 'poll'],
  [/visio|video ?conf|réunion/i, 'visio'],
  [/\bdrop\b|partage de fichiers|file sharing|transfert/i, 'drop'],
  [/raccourc|shorten/i, 'shortener'],
  [/\bcloud\b/i, 'cloud'],
  [/\bmail|courriel/i, 'mail'],
];

const SOFTWARE_INDEX = new Map<string, string>();
for (const [kind, names] of Object.entries(BY_SOFTWARE)) for (const n of names) SOFTWARE_INDEX.set(n, kind);

/** All kinds the directory knows, for the filter. */
export const KNOWN_KINDS = Object.keys(BY_SOFTWARE);

/** Known software names, longest first, each as a whole-word pattern (so "chaton paste (PrivateBin API v2)"
 * finds "chaton paste", and "sendmail" never finds "send"). */
const SOFTWARE_PATTERNS: [RegExp, string][] = [...SOFTWARE_INDEX.entries()]
  .sort((a, b) => b[0].length - a[0].length)
  .map(([name, kind]) => [new RegExp(`(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u'), kind]);

/**
 * The kind of a service: its software name wins (exact, then a known name inside it, then words of it);
 * words of the service name only when the software says nothing ("Bloc-notes" running PrivateBin is a
 * paste, not a pad). 'other' when nothing matches.
 */
export function kindOf(softwareName: string, serviceName: string): string {
  const sw = softwareName.trim().toLowerCase();
  const direct = SOFTWARE_INDEX.get(sw);
  if (direct) return direct;
  for (const [re, kind] of SOFTWARE_PATTERNS) if (re.test(sw)) return kind;
  for (const [re, kind] of BY_WORD) if (re.test(sw)) return kind;
  for (const [re, kind] of BY_WORD) if (re.test(serviceName)) return kind;
  return 'other';
}

/** Every software name the table knows, with its kind (for tests and documentation). */
export function knownSoftware(): [string, string][] {
  return [...SOFTWARE_INDEX.entries()];
}

/** True for a kind written in a URL (/find/pad): lowercase letters, digits, dashes. */
export function isKindSlug(value: string): boolean {
  return /^[a-z][a-z0-9-]{0,39}$/.test(value);
}
