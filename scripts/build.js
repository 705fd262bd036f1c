#!/usr/bin/env node
// Builds chaton (tsc → dist/src, Vite → dist/web) and writes dist/.build-stamp, a hash of everything the
// build reads. `node scripts/build.js --if-needed` (what `npm start` runs) builds only when that hash
// differs from the stamp, so a start after the first one does not run the toolchain at all.
// Plain JavaScript with Node's own modules only: it runs before anything is compiled.
/* global process, console */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build reads: the sources of the server and of the browser bundles, and the build's settings. */
const INPUTS = ['src', 'web', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts'];
export const STAMP = join(root, 'dist', '.build-stamp');

/** Every file under `path` (or `path` itself when it is a file). */
function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** SHA-256 of the build's inputs: their paths and contents, in a stable order. */
export function sourceHash(base = root) {
  const hash = createHash('sha256');
  const all = INPUTS.map((p) => join(base, p)).filter((p) => existsSync(p)).flatMap(files).sort();
  for (const file of all) hash.update(relative(base, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** True when dist/ was built from the sources as they are now. */
export function isCurrent(base = root) {
  const stamp = join(base, 'dist', '.build-stamp');
  return existsSync(stamp) && existsSync(join(base, 'dist', 'src', 'cli', 'main.js')) && readFileSync(stamp, 'utf8').trim() === sourceHash(base);
}

function run(bin, args) {
  const path = join(root, 'node_modules', '.bin', bin);
  if (!existsSync(path)) {
    console.error(`chaton: dist/ must be built, but ${bin} is not installed. Run "npm ci" then "npm run build" (the build needs the devDependencies).`);
    process.exit(1);
  }
  const res = spawnSync(path, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

export function build() {
  const hash = sourceHash();
  run('tsc', ['-p', 'tsconfig.build.json']);
  run('vite', ['build', '--logLevel', 'warn']);
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, hash + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-needed') && isCurrent()) process.exit(0);
  if (process.argv.includes('--if-needed')) console.log('chaton: building (once, after an install or an update)…');
  build();
}
