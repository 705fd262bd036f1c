// The audit log read as sentences ("aline a changé l’ouverture de « Pad » : « Membres » → « Sans inscription »"),
// one per action, in the reader's language; the raw entries stay available in the export.
import type { MessageKey, Params, Translate, Lang } from '../i18n/index.js';
import { formatBytes } from '../i18n/bytes.js';
import type { AuditEntry } from './audit.js';

/** What a sentence needs beyond the entry: names of services and groups by id (ids stay when unknown). */
export interface AuditNames { service(id: string): string; group(id: string): string; member(id: string): string }

interface Reading { t: Translate; lang: Lang; names: AuditNames }

interface Said { key: MessageKey; params?: Params }
type Sentence = (e: AuditEntry, r: Reading) => Said;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
/** Invitations are logged as "invitation:<first characters of the id>". */
const invitationId = (v: string): string => v.replace(/^invitation:/, '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** A list of names for a sentence: « a », « b », or "none" when empty. */
function names(items: string[], t: Translate): string {
  return items.length ? items.map((n) => t('audit.quoted', { text: n })).join(', ') : t('audit.none');
}

function roleWord(role: unknown, t: Translate): string {
  return role === 'admin' ? t('accounts.role.admin') : role === 'member' ? t('accounts.role.member') : str(role);
}

function openingWord(opening: unknown, t: Translate): string {
  switch (opening) {
    case 'public':
    case 'signup':
    case 'members':
    case 'closed':
      return t(`opening.${opening}`);
    default:
      return str(opening);
  }
}

function charterWord(kind: string, t: Translate): string {
  return kind === 'member' ? t('charters.kind.member') : kind === 'anonymous' ? t('charters.kind.anonymous') : kind;
}

const SENTENCES: Record<string, Sentence> = {
  'charter.publish': (e, { t }) => ({ key: 'audit.charter.publish', params: { charter: charterWord(e.target, t), version: str(e.detail.version), summary: str(e.detail.summary) } }),
  'drop.report.dismiss': (e) => ({ key: 'audit.drop.report.dismiss', params: { share: e.target } }),
  'drop.share.delete': (e, { lang }): Said => {
    const bytes = Number(e.detail.bytes);
    return Number.isFinite(bytes) ? { key: 'audit.drop.share.delete', params: { share: e.target, size: formatBytes(bytes, lang) } } : { key: 'audit.drop.share.deleteNoSize', params: { share: e.target } };
  },
  'group.create': (e) => ({ key: 'audit.group.create', params: { group: e.target } }),
  'group.update': (e, { t }): Said => {
    const from = (e.detail.from ?? {}) as Record<string, unknown>;
    const to = (e.detail.to ?? {}) as Record<string, unknown>;
    const changes: string[] = [];
    if (str(from.name) !== str(to.name)) changes.push(t('audit.change.name', { from: str(from.name), to: str(to.name) }));
    if (str(from.description) !== str(to.description)) changes.push(t('audit.change.description', { from: str(from.description), to: str(to.description) }));
    return changes.length ? { key: 'audit.group.update', params: { group: e.target, changes: changes.join(t('audit.separator')) } } : { key: 'audit.group.updateSame', params: { group: e.target } };
  },
  'group.delete': (e) => ({ key: 'audit.group.delete', params: { group: e.target, n: Number(e.detail.members) || 0 } }),
  'invitation.create': (e, { t, names: n }): Said => {
    const group = str(e.detail.group);
    const params = { invitation: invitationId(e.target), role: roleWord(e.detail.role, t), days: Number(e.detail.days) || 0, note: str(e.detail.note) };
    return group ? { key: 'audit.invitation.createGroup', params: { ...params, group: n.group(group) } } : { key: 'audit.invitation.create', params };
  },
  'invitation.revoke': (e) => ({ key: 'audit.invitation.revoke', params: { invitation: invitationId(e.target) } }),
  'invitation.use': (e) => ({ key: 'audit.invitation.use', params: { invitation: invitationId(str(e.detail.invitation) || e.target), member: str(e.detail.member) || e.target } }),
  'member.admit': (e) => ({ key: e.detail.admitted === 0 || e.detail.admitted === false ? 'audit.member.unadmit' : 'audit.member.admit', params: { member: e.target } }),
  'member.create': (e, { t }): Said => {
    const role = roleWord(e.detail.role, t);
    if (e.detail.via === 'setup') return { key: 'audit.member.create.setup', params: { member: e.target } };
    return { key: 'audit.member.create', params: { member: e.target, role } };
  },
  'member.signup': (e) => ({ key: 'audit.member.signup', params: { member: str(e.detail.name) || e.target } }),
  'member.delete': (e) => ({ key: e.detail.self === true ? 'audit.member.deleteSelf' : 'audit.member.delete', params: { member: e.target } }),
  'member.groups': (e, { t }) => ({ key: 'audit.member.groups', params: { member: e.target, from: names(list(e.detail.from), t), to: names(list(e.detail.to), t) } }),
  'member.role': (e, { t }) => ({ key: 'audit.member.role', params: { member: e.target, from: roleWord(e.detail.from, t), to: roleWord(e.detail.to, t) } }),
  'member.reset-link': (e, { names: n }) => ({ key: 'audit.member.resetLink', params: { member: n.member(e.target) } }),
  'service.opening': (e, { t, names: n }): Said => {
    const params = { service: n.service(e.target), from: openingWord(e.detail.from, t), to: openingWord(e.detail.to, t) };
    const groups = list(e.detail.groups).map((g) => n.group(g));
    return groups.length ? { key: 'audit.service.openingGroups', params: { ...params, groups: names(groups, t) } } : { key: 'audit.service.opening', params };
  },
};

/** Every action that has its own sentence. */
export const SENTENCE_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/** Who did it: the account name, or a word for the chaton itself and the command line. */
export function actorWord(name: string, t: Translate): string {
  if (name === 'system') return t('audit.actor.system');
  if (name === 'cli') return t('audit.actor.cli');
  if (name === 'anonymous') return t('audit.actor.anonymous');
  return name;
}

/** The entry as one sentence in the reader's language; an action without its own sentence gets a generic one. */
export function auditSentence(entry: AuditEntry, t: Translate, lang: Lang, names: AuditNames): string {
  const actor = actorWord(entry.actorName, t);
  const sentence = SENTENCES[entry.action];
  if (!sentence) return entry.target ? t('audit.generic', { actor, action: entry.action, target: entry.target }) : t('audit.genericNoTarget', { actor, action: entry.action });
  const { key, params } = sentence(entry, { t, lang, names });
  return t(key, { actor, ...params });
}
