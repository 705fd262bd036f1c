// CHATON_* environment overrides, derived from the schema: the key `database.url` is CHATON_DATABASE_URL,
// `accounts.open_signup` is CHATON_ACCOUNTS_OPEN_SIGNUP. Lists are given as JSON.
import { configSchema } from './schema.js';

type Leaf = 'string' | 'number' | 'boolean' | 'json';
interface Def { type: string; innerType?: { _zod: { def: Def } }; shape?: Record<string, { _zod: { def: Def } }> }

function unwrap(def: Def): Def {
  while (def.innerType) def = def.innerType._zod.def;
  return def;
}

/** Every leaf key of the schema with its env variable name and value type. */
export function envKeys(): { path: string[]; env: string; leaf: Leaf }[] {
  const out: { path: string[]; env: string; leaf: Leaf }[] = [];
  const walk = (def: Def, path: string[]): void => {
    const d = unwrap(def);
    if (d.type === 'object' && d.shape) {
      for (const [k, v] of Object.entries(d.shape)) walk(v._zod.def, [...path, k]);
      return;
    }
    const leaf: Leaf = d.type === 'number' ? 'number' : d.type === 'boolean' ? 'boolean' : d.type === 'array' ? 'json' : 'string';
    out.push({ path, env: 'CHATON_' + path.join('_').toUpperCase(), leaf });
  };
  walk((configSchema as unknown as { _zod: { def: Def } })._zod.def, []);
  return out;
}

export interface EnvProblem { env: string; message: string }

/** Applies the CHATON_* variables of `env` onto the raw config object (mutates it). */
export function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): EnvProblem[] {
  const problems: EnvProblem[] = [];
  for (const key of envKeys()) {
    const value = env[key.env];
    if (value === undefined) continue;
    let parsed: unknown = value;
    if (key.leaf === 'number') {
      parsed = Number(value);
      if (value.trim() === '' || !Number.isFinite(parsed)) { problems.push({ env: key.env, message: `expected a number, got "${value}"` }); continue; }
    } else if (key.leaf === 'boolean') {
      if (!/^(true|false|1|0|yes|no)$/i.test(value)) { problems.push({ env: key.env, message: `expected true or false, got "${value}"` }); continue; }
      parsed = /^(true|1|yes)$/i.test(value);
    } else if (key.leaf === 'json') {
      try { parsed = JSON.parse(value); } catch { problems.push({ env: key.env, message: 'expected JSON' }); continue; }
    }
    let node = raw;
    for (const part of key.path.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[key.path[key.path.length - 1]!] = parsed;
  }
  return problems;
}
