#!/usr/bin/env node
// The `chaton` command. Runs the compiled CLI when dist/ was built from the sources as they are,
// otherwise the TypeScript sources through tsx (a checkout where `npm run build` has not run since the
// last update), and the stale compiled CLI only when tsx is not installed, saying so.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { isCurrent } from '../scripts/build.js';
/* global console */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');
const tsx = existsSync(join(root, 'node_modules', 'tsx'));
const current = existsSync(compiled) && isCurrent();
if (existsSync(compiled) && (current || !tsx)) {
  if (!current) console.error('chaton: dist/ is older than the sources; run "npm run build" (npm ci first if needed).');
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: join(root, 'tsconfig.json') });
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
