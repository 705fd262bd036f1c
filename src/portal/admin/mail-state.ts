// Whether the chaton can send e-mail: a `[mail]` section in chaton.toml. Read with `in` so that this
// compiles and answers false before the config schema has the key.
import type { Config } from '../../config/schema.js';

export function mailConfigured(config: Config): boolean {
  if (!('mail' in config)) return false;
  const mail: unknown = (config as Record<string, unknown>).mail;
  return typeof mail === 'object' && mail !== null;
}
