// SPDX-License-Identifier: AGPL-3.0-or-later
// The finder: /find/<kind> sends the visitor to a no-signup instance of that kind, chosen at random
// among those that answered a recent health check, spreading the load as entraide.chatons.org does.
// Of two random candidates, the one this process sent fewer visitors to wins ("two choices"). Near a
// town (or the browser's position), only the few nearest candidates are drawn from.
import type { Db } from '../storage/database.js';
import { distanceKm } from './directory/filters.js';

export interface Candidate { url: string; website: string; /** Its chaton's position, when published. */ lat?: number | null; lon?: number | null }

/** Near a town, the finder chooses among the nearest candidate and those at most NEARBY_SLACK_KM farther,
 *  NEARBY_CHOICES at most (spreading the load between services about as near). */
export const NEARBY_CHOICES = 3;
export const NEARBY_SLACK_KM = 50;

const BLOCKED_STATUS = ['DOWN', 'OFF', 'MAINTENANCE', 'DRAFT'];

/** Services a visitor can be sent to: no signup, up at a health check younger than `maxAgeMs`, with a
 * website, not declared down, in maintenance or a draft, not full. */
function findable(db: Db, maxAgeMs: number, now: number) {
  return db
    .selectFrom('dir_services')
    .where('dir_services.registration', '=', 'None')
    .where('dir_services.health', '=', 'up')
    .where('dir_services.health_checked_at', '>=', now - maxAgeMs)
    .where('dir_services.website', '!=', '')
    .where('dir_services.status_level', 'not in', BLOCKED_STATUS)
    .where('dir_services.registration_load', '!=', 'FULL');
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
  const rows = await findable(db, maxAgeMs, now)
    .leftJoin('dir_organizations', 'dir_organizations.url', 'dir_services.org_url')
    .select(['dir_services.url', 'dir_services.website', 'dir_organizations.latitude', 'dir_organizations.longitude'])
    .where('dir_services.kind', '=', kind)
    .execute();
  return rows.flatMap((r) => {
    const website = redirectTarget(r.website);
    return website ? [{ url: r.url, website, lat: r.latitude, lon: r.longitude }] : [];
  });
}

/** The candidates nearest to `origin` (of chatons that publish where they are): the nearest, and those at
 *  most NEARBY_SLACK_KM farther, NEARBY_CHOICES at most; all of them when no chaton says where it is. */
export function nearest(list: Candidate[], origin: { lat: number; lon: number }): Candidate[] {
  const placed = list.flatMap((c) => (c.lat != null && c.lon != null ? [{ c, d: distanceKm(origin.lat, origin.lon, c.lat, c.lon) }] : []));
  if (placed.length === 0) return list;
  placed.sort((a, b) => a.d - b.d);
  const limit = placed[0]!.d + NEARBY_SLACK_KM;
  return placed
    .filter((p) => p.d <= limit)
    .slice(0, NEARBY_CHOICES)
    .map((p) => p.c);
}

/** The kinds the finder can serve now, with their number of instances. */
export async function findableKinds(db: Db, maxAgeMs: number, now = Date.now()): Promise<{ kind: string; count: number }[]> {
  const rows = await findable(db, maxAgeMs, now)
    .select((eb) => ['dir_services.kind', eb.fn.countAll<number>().as('count')])
    .groupBy('dir_services.kind')
    .orderBy('dir_services.kind')
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
