// Loading the configuration: the TOML file, then CHATON_* environment variables, then validation.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { configSchema, type Config } from './schema.js';
import { applyEnv } from './env.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Where the config file is: CHATON_CONFIG, or ./chaton.toml. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CHATON_CONFIG ?? 'chaton.toml');
}

/** Validates a raw object (file + env), throwing a ConfigError with one line per problem. */
export function parseConfig(raw: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Config {
  const envProblems = applyEnv(raw, env);
  const result = configSchema.safeParse(raw);
  const problems = envProblems.map((p) => `${p.env}: ${p.message}`);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || '(root)';
      problems.push(`${key}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const config = result.data;
  config.data_dir = resolve(config.data_dir);
  if (config.public_url) config.public_url = config.public_url.replace(/\/+$/, '');
  return config;
}

/** Reads the config file (if any) and the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, path = configPath(env)): Config {
  let raw: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      raw = parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`${path}: ${(err as Error).message.split('\n')[0]}`]);
    }
  }
  return parseConfig(raw, env);
}
