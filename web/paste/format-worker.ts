// Formats a paste off the page's thread: Markdown to HTML (marked) and code highlighting (highlight.js),
// both of which can take minutes on a hostile text (nested lists, `_a` repeated, very long lines). The
// page gives each job a time budget and terminates this worker when it is spent (web/paste/format.ts).
// The HTML returned is not trusted: the page sanitizes Markdown and highlight.js escapes the text.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { marked } from 'marked';
import type { FormatJob, FormatResult } from './format-job.js';
import { taskBox } from '../../src/markup/allow-list.js';

const languages = { bash, c, cpp, css, diff, go, ini, java, javascript, json, markdown, php, python, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);
marked.use({ renderer: { checkbox: taskBox } });

/** Highlighted HTML, or null when no language is known or guessed (on the first `sampleChars` only). */
function highlighted(text: string, language: string | undefined, sampleChars: number): string | null {
  let lang = language && hljs.getLanguage(language) ? language : undefined;
  if (!lang) {
    const guess = hljs.highlightAuto(text.slice(0, sampleChars), Object.keys(languages));
    if (!guess.language || guess.relevance === 0) return null;
    lang = guess.language;
  }
  return hljs.highlight(text, { language: lang, ignoreIllegals: true }).value;
}

function run(job: FormatJob): string | null {
  if (job.kind === 'markdown') return marked.parse(job.text, { async: false });
  return highlighted(job.text, job.language, job.sampleChars);
}

self.onmessage = (event: MessageEvent<FormatJob>) => {
  let result: FormatResult;
  try {
    result = { html: run(event.data) };
  } catch {
    // marked overflows its stack on deeply nested quotes: the text stays plain.
    result = { html: null };
  }
  self.postMessage(result);
};
