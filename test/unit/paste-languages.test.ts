// The paste's languages (issue 12, item 10): every language of highlight.js' "common" set is offered
// (not a hand-picked 18), each with a loader that really gives that language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import hljs from 'highlight.js/lib/core';
import { LANGUAGES } from '../../src/modules/paste/languages.js';
import { LOADERS, loadLanguages } from '../../web/paste/hljs-languages.js';

const require = createRequire(import.meta.url);

test('the selector offers all of highlight.js’ common languages, sorted by label', async () => {
  const common = await readFile(require.resolve('highlight.js/lib/common'), 'utf8');
  const names = [...common.matchAll(/registerLanguage\('([^']+)'/g)].map((m) => m[1]!).filter((n) => n !== 'plaintext');
  assert.ok(names.length >= 35);
  assert.deepEqual(LANGUAGES.map(([id]) => id).sort(), names.sort());
  assert.deepEqual(Object.keys(LOADERS).sort(), names.sort());
  const labels = LANGUAGES.map(([, label]) => label);
  assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
});

test('each loader gives its language, loaded with the ones it embeds', async () => {
  await loadLanguages(hljs, ['kotlin', 'php-template']);
  assert.ok(hljs.getLanguage('kotlin') && hljs.getLanguage('php-template') && hljs.getLanguage('php') && hljs.getLanguage('xml'));
  assert.equal(hljs.getLanguage('lua'), undefined, 'only what was asked for is loaded');
  assert.match(hljs.highlight('fun main() { val x = 1 }', { language: 'kotlin' }).value, /<span class="hljs-keyword">fun<\/span>/);
  for (const [id, load] of Object.entries(LOADERS)) assert.equal(typeof (await load()).default, 'function', id);
});
