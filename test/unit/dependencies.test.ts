// package.json tells the truth: the Node.js versions it claims are the ones the code and every installed
// dependency run on, the code imports only what is declared, and nothing is declared that is not used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Pkg { engines?: { node?: string }; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Pkg;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Pkg & { dev?: boolean; optional?: boolean }> };

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, '').split('.').map((n) => (n === 'x' || n === '*' ? 0 : Number(n)));
  return [a, b, c];
};
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies a node engines range (the forms found in package files: >=, >, <, <=, ^, ~, x, ||). */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((c) => {
        const m = /^(>=|<=|>|<|\^|~|=)?v?(\d+|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(c);
        if (!m) throw new Error(`range not understood: ${range}`);
        if (m[2] === '*') return true;
        const want = parse(`${m[2]}.${m[3] ?? 0}.${m[4] ?? 0}`);
        const op = m[1] ?? (m[3] === undefined || m[3] === 'x' || m[4] === undefined || m[4] === 'x' ? 'x' : '=');
        const d = cmp(v, want);
        if (op === '>=') return d >= 0;
        if (op === '>') return d > 0;
        if (op === '<=') return d <= 0;
        if (op === '<') return d < 0;
        if (op === '^') return d >= 0 && v[0] === want[0];
        if (op === '~') return d >= 0 && v[0] === want[0] && v[1] === want[1];
        if (op === 'x') return v[0] === want[0] && (m[3] === undefined || m[3] === 'x' || v[1] === want[1]);
        return d === 0;
      }),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The packages imported (statically, dynamically, by require or lazy()) by the files under `dirs`;
 * with `runtime`, not those imported for their types only (`import type`, `typeof import()`).
 */
function imported(dirs: string[], runtime = false): Set<string> {
  const out = new Set<string>();
  for (const file of dirs.flatMap(filesUnder)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(import type [^;]*?(?=from)|typeof (?=import\())?(?:from\s+|import\(\s*|require(?:\.resolve)?\(\s*|lazy<[^>]*>\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g)) {
      const spec = m[2]!;
      if (spec.startsWith('node:') || (runtime && m[1])) continue;
      out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return out;
}

describe('package.json', () => {
  it('understands the version ranges it checks', () => {
    assert.equal(satisfies('20.19.0', '>=20.19'), true);
    assert.equal(satisfies('20.18.3', '>=20.19'), false);
    assert.equal(satisfies('20.19.5', '>=22'), false);
    assert.equal(satisfies('20.19.5', '^20.19.0 || ^22.13.0 || >=24'), true);
    assert.equal(satisfies('22.1.0', '^20.19.0 || ^22.13.0 || >=24'), false);
    assert.equal(satisfies('24.1.0', '20.x || 22.x || 24.x'), true);
    assert.equal(satisfies('20.19.5', '>= 0.8'), true);
  });

  it('claims the Node.js versions the code needs: 20.19 (require of ES modules) and later', () => {
    const range = pkg.engines?.node ?? '';
    assert.equal(satisfies('20.19.0', range), true);
    assert.equal(satisfies('24.0.0', range), true);
    assert.equal(satisfies('20.18.0', range), false, 'src/lazy.ts requires ES modules, which Node 20 does from 20.19');
  });

  it('installs no dependency that declares an engine the claimed Node.js versions do not meet', () => {
    const bad = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines?.node && !p.optional)
      .filter(([, p]) => !satisfies('20.19.0', p.engines!.node!) || !satisfies(process.version, p.engines!.node!))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} (node ${p.engines!.node})`);
    assert.deepEqual(bad, []);
  });

  it('declares every package the code imports', () => {
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
    assert.deepEqual([...imported(['src'], true)].filter((p) => !runtime.has(p)).sort(), [], 'the server runs with dependencies only');
    assert.deepEqual([...imported(['src'])].filter((p) => !declared.has(p) && !declared.has(`@types/${p}`)).sort(), [], 'types come from a declared package');
    assert.deepEqual([...imported(['web', 'test', 'bench', 'bin', 'scripts'], true)].filter((p) => !declared.has(p)).sort(), []);
  });

  it('declares nothing the code does not use, and browser-only libraries as devDependencies (Vite bundles them)', () => {
    const server = imported(['src']);
    const all = imported(['src', 'web', 'test', 'bench', 'bin', 'scripts']);
    // Used without an import: tools run by npm scripts and the config files, types, and data files read by path.
    const tools = new Set(['typescript', 'eslint', '@eslint/js', 'typescript-eslint', 'tsx', 'vite', 'pino-pretty']);
    const unused = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]
      .filter((p) => !all.has(p) && !tools.has(p) && !p.startsWith('@types/') && !(server.has(p)));
    assert.deepEqual(unused, []);
    const browserOnlyInDependencies = Object.keys(pkg.dependencies ?? {}).filter((p) => !server.has(p) && !tools.has(p));
    assert.deepEqual(browserOnlyInDependencies, []);
  });
});
