// SPDX-License-Identifier: AGPL-3.0-or-later
// The finder: /find/<kind> sends the visitor to a no-signup instance of that kind, chosen at random
// among those that answered a recent health check, spreading the load as entraide.chatons.org does.
// Of two random candidates, the one this process sent fewer visitors to wins ("two choices").
import type { Db } from '../storage/database.js';

export interface Candidate { url: string; website: string }

const BLOCKED_STATUS = ['DOWN', 'OFF', 'MAINTENANCE', 'DRAFT'];

/** Services a visitor can be sent to: no signup, up at a health check younger than `maxAgeMs`, with a
 * website, not declared down, in maintenance or a draft, not full. */
function findable(db: Db, maxAgeMs: number, now: number) {
  return db
    .selectFrom('dir_services')
    .where('registration', '=', 'None')
    .where('health', '=', 'up')
    .where('health_checked_at', '>=', now - maxAgeMs)
    .where('website', '!=', '')
    .where('status_level', 'not in', BLOCKED_STATUS)
    .where('registration_load', '!=', 'FULL');
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/**
 * Where the finder may send a visitor: a website published by another chaton (crawled data, not
 * trusted), only when it is an http(s) URL without controls, line separators or backslashes; returned
 * normalised and percent-encoded, so that it is always a valid Location header (never a 500).
 */
export function redirectTarget(website: string): string | null {
  if (UNSAFE.test(website)) return null;
  try {
    const url = new URL(website);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The no-signup, recently checked, working instances of `kind` (with a website the finder can send to). */
export async function candidates(db: Db, kind: string, maxAgeMs: number, now = Date.now()): Promise<Candidate[]> {
  const rows = await findable(db, maxAgeMs, now).select(['url', 'website']).where('kind', '=', kind).execute();
  return rows.flatMap((r) => {
    const website = redirectTarget(r.website);
    return website ? [{ url: r.url, website }] : [];
  });
}

/** The kinds the finder can serve now, with their number of instances. */
export async function findableKinds(db: Db, maxAgeMs: number, now = Date.now()): Promise<{ kind: string; count: number }[]> {
  const rows = await findable(db, maxAgeMs, now)
    .select((eb) => ['kind', eb.fn.countAll<number>().as('count')])
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
}

export class Finder {
  private readonly sent = new Map<string, number>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Picks one candidate, or null when there is none. */
  pick(list: Candidate[]): Candidate | null {
    if (list.length === 0) return null;
    const a = list[Math.floor(this.random() * list.length)]!;
    const b = list[Math.floor(this.random() * list.length)]!;
    const chosen = (this.sent.get(a.url) ?? 0) <= (this.sent.get(b.url) ?? 0) ? a : b;
    this.sent.set(chosen.url, (this.sent.get(chosen.url) ?? 0) + 1);
    if (this.sent.size > 10_000) this.sent.clear();
    return chosen;
  }
}
