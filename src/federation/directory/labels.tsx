// SPDX-License-Identifier: AGPL-3.0-or-later
// Translated labels of the directory's values (kinds, conditions, membership, organization types).
import type { MessageKey, Translate } from '../../i18n/index.js';
import { fr } from '../../i18n/messages/directory.js';

function known(key: string): key is MessageKey {
  return key in fr;
}

export function kindLabel(t: Translate, kind: string): string {
  const key = `directory.kind.${kind}`;
  return known(key) ? t(key) : kind;
}

const REGISTRATION_KEY: Record<string, MessageKey> = {
  None: 'directory.cond.none',
  Free: 'directory.cond.free',
  Member: 'directory.cond.members',
  Client: 'directory.cond.paid',
};

export function conditionLabel(t: Translate, registration: string): string {
  return t(REGISTRATION_KEY[registration] ?? 'directory.cond.unknown');
}

export function ConditionBadge({ t, registration }: { t: Translate; registration: string }) {
  const cls = { None: 'public', Free: 'signup', Member: 'members', Client: 'closed' }[registration] ?? 'unknown';
  return <span class={`badge opening ${cls}`}>{conditionLabel(t, registration)}</span>;
}

/** The chaton's membership of the collective: active, idle, away, or in gestation (not yet a member). */
export function membershipOf(level: string): 'active' | 'idle' | 'away' | 'gestation' {
  return level === 'ACTIVE' ? 'active' : level === 'IDLE' ? 'idle' : level === 'AWAY' ? 'away' : 'gestation';
}

export function membershipLabel(t: Translate, level: string): string {
  return t(`directory.status.${membershipOf(level)}`);
}

export function typeLabel(t: Translate, type: string): string {
  const key = `directory.type.${type.toLowerCase()}`;
  return known(key) ? t(key) : type || t('directory.type.unknown');
}

/** One state per service: what its chaton declares (maintenance, stopped, down) wins over our health check. */
export function serviceState(health: string, level = ''): 'up' | 'down' | 'unknown' | 'maintenance' | 'off' {
  const declared = level.trim().toUpperCase();
  if (declared === 'MAINTENANCE') return 'maintenance';
  if (declared === 'OFF' || declared === 'DRAFT') return 'off';
  if (declared === 'DOWN') return 'down';
  return health === 'up' || health === 'down' ? health : 'unknown';
}

export function HealthBadge({ t, health, level }: { t: Translate; health: string; level?: string }) {
  const h = serviceState(health, level);
  return <span class={`badge status ${h}`}>{t(`directory.health.${h}`)}</span>;
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** A country's name in the page's language, from its ISO code. */
export function countryName(code: string, lang: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    let names = regionNames.get(lang);
    if (!names) regionNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
