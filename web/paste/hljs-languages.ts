// highlight.js languages loaded on demand: each is its own chunk (Vite splits dynamic imports), fetched
// from this site (the CSP allows our own scripts) only when a paste needs it. Paths are written out so
// that the bundler sees them.
import type { HLJSApi, LanguageFn } from 'highlight.js';
import type { LanguageId } from '../../src/modules/paste/languages.js';

type Loader = () => Promise<{ default: LanguageFn }>;

export const LOADERS: Record<LanguageId, Loader> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  go: () => import('highlight.js/lib/languages/go'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
  xml: () => import('highlight.js/lib/languages/xml'),
  ini: () => import('highlight.js/lib/languages/ini'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  less: () => import('highlight.js/lib/languages/less'),
  lua: () => import('highlight.js/lib/languages/lua'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  objectivec: () => import('highlight.js/lib/languages/objectivec'),
  perl: () => import('highlight.js/lib/languages/perl'),
  php: () => import('highlight.js/lib/languages/php'),
  'php-template': () => import('highlight.js/lib/languages/php-template'),
  python: () => import('highlight.js/lib/languages/python'),
  'python-repl': () => import('highlight.js/lib/languages/python-repl'),
  r: () => import('highlight.js/lib/languages/r'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  scss: () => import('highlight.js/lib/languages/scss'),
  shell: () => import('highlight.js/lib/languages/shell'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  vbnet: () => import('highlight.js/lib/languages/vbnet'),
  wasm: () => import('highlight.js/lib/languages/wasm'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

/** Languages another one embeds (highlight.js' subLanguage): loaded with it so they are coloured too. */
const EMBEDS: Partial<Record<LanguageId, LanguageId[]>> = {
  xml: ['css', 'javascript'],
  markdown: ['xml'],
  'php-template': ['xml', 'php'],
  'python-repl': ['python'],
  shell: ['bash'],
};

export function isLanguage(id: string): id is LanguageId {
  return Object.hasOwn(LOADERS, id);
}

/** Registers `ids` (and what they embed) in `hljs`, loading only those not registered yet. */
export async function loadLanguages(hljs: HLJSApi, ids: readonly LanguageId[]): Promise<void> {
  const wanted = new Set<LanguageId>();
  const add = (id: LanguageId): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const e of EMBEDS[id] ?? []) add(e);
  };
  ids.forEach(add);
  const missing = [...wanted].filter((id) => !hljs.getLanguage(id));
  const loaded = await Promise.all(missing.map(async (id) => [id, (await LOADERS[id]()).default] as const));
  for (const [id, fn] of loaded) hljs.registerLanguage(id, fn);
}
