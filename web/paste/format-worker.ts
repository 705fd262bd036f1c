// Formats a paste off the page's thread: Markdown to HTML (marked) and code highlighting (highlight.js),
// both of which can take minutes on a hostile text (nested lists, `_a` repeated, very long lines). The
// page gives each job a time budget and terminates this worker when it is spent (web/paste/format.ts).
// The HTML returned is not trusted: the page sanitizes Markdown and highlight.js escapes the text.
// Languages are loaded on demand (hljs-languages.ts): the one asked for, or all of them to guess.
import hljs from 'highlight.js/lib/core';
import { marked } from 'marked';
import type { FormatJob, FormatResult } from './format-job.js';
import { LOADERS, isLanguage, loadLanguages } from './hljs-languages.js';
import { taskBox } from '../../src/markup/allow-list.js';
import type { LanguageId } from '../../src/modules/paste/languages.js';

marked.use({ renderer: { checkbox: taskBox } });

const ALL = Object.keys(LOADERS) as LanguageId[];

/** Highlighted HTML, or null when no language is known or guessed (on the first `sampleChars` only). */
async function highlighted(text: string, language: string | undefined, sampleChars: number): Promise<string | null> {
  let lang: string | undefined;
  if (language && isLanguage(language)) {
    await loadLanguages(hljs, [language]);
    lang = language;
  } else {
    await loadLanguages(hljs, ALL);
    const guess = hljs.highlightAuto(text.slice(0, sampleChars), ALL);
    if (!guess.language || guess.relevance === 0) return null;
    lang = guess.language;
  }
  return hljs.highlight(text, { language: lang, ignoreIllegals: true }).value;
}

async function run(job: FormatJob): Promise<string | null> {
  if (job.kind === 'markdown') return marked.parse(job.text, { async: false });
  return highlighted(job.text, job.language, job.sampleChars);
}

self.onmessage = async (event: MessageEvent<FormatJob>) => {
  let result: FormatResult;
  try {
    result = { html: await run(event.data) };
  } catch {
    // marked overflows its stack on deeply nested quotes; a language chunk may fail to load: the text stays plain.
    result = { html: null };
  }
  self.postMessage(result);
};
