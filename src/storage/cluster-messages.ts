// What the workers and the primary process say to each other over the cluster's IPC channel (with
// Node's "advanced" serialization, so that bytes travel as bytes). Every message carries `chaton`.

/** A worker publishes on the bus, or asks the primary to count a rate-limit hit. */
export type WorkerMessage =
  | { chaton: 'bus'; channel: string; data: Uint8Array }
  | { chaton: 'hit'; id: number; key: string; windowMs: number };

/** The primary's answer to a hit: the count so far in the window and the milliseconds it has left. */
export interface HitReply { chaton: 'hit-reply'; id: number; current: number; ttl: number }

/** The primary relays a bus message, or answers a hit. */
export type HubMessage = { chaton: 'bus'; channel: string; data: Uint8Array } | HitReply;

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

export function isWorkerMessage(m: unknown): m is WorkerMessage {
  if (!isObject(m)) return false;
  if (m.chaton === 'bus') return typeof m.channel === 'string' && m.data instanceof Uint8Array;
  return m.chaton === 'hit' && typeof m.id === 'number' && typeof m.key === 'string' && typeof m.windowMs === 'number';
}

export function isHubMessage(m: unknown): m is HubMessage {
  if (!isObject(m)) return false;
  if (m.chaton === 'bus') return typeof m.channel === 'string' && m.data instanceof Uint8Array;
  return m.chaton === 'hit-reply' && typeof m.id === 'number' && typeof m.current === 'number' && typeof m.ttl === 'number';
}
