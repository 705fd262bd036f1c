// The chaton's public address: `public_url` when the admin set it, otherwise derived from where it
// listens (host and port), so that links printed or sent (setup, invitations, resets, pads, ChatonsInfos)
// point where the chaton really answers. The one place that reads `public_url`.
import type { Config } from './schema.js';

/** Hosts that mean "this machine" to a visitor on the same machine. */
const LOCAL_HOSTS = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', '']);

/** The address visitors use, without a trailing slash. */
export function publicUrl(config: Pick<Config, 'public_url' | 'host' | 'port'>): string {
  if (config.public_url) return config.public_url.replace(/\/+$/, '');
  return derivedPublicUrl(config.host, config.port);
}

/** `http://host:port` for a listening address (any-address and loopback hosts become localhost). */
export function derivedPublicUrl(host: string, port: number): string {
  const name = LOCAL_HOSTS.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}${port === 80 ? '' : `:${port}`}`;
}

/**
 * The origin a request arrived under differs from the configured `public_url` (null when `public_url`
 * is not set, or when it matches): the admin dashboard warns, since links would lead elsewhere.
 */
export function publicUrlMismatch(config: Pick<Config, 'public_url'>, protocol: string, host: string): string | null {
  if (!config.public_url) return null;
  try {
    const configured = new URL(config.public_url).origin;
    return configured === new URL(`${protocol}://${host}`).origin ? null : configured;
  } catch {
    return null;
  }
}
