// What the commands share: loading the config with readable errors.
import { loadConfig, ConfigError, configPath } from '../config/load.js';
import type { Config } from '../config/schema.js';

/** Loads the config or prints one line per problem and exits with status 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`chaton: invalid configuration (${configPath()}):`);
      for (const p of err.problems) console.error(`  ${p}`);
      process.exit(2);
    }
    throw err;
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
