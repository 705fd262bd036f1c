// Shows a decrypted paste: plain text, highlighted code or sanitized Markdown, and its attachments.
// Only images (not SVG) and PDF get a preview; every other file, HTML and SVG included, is only offered
// for download as opaque bytes, never rendered.
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
import { sanitizeMarkup } from './sanitize.js';
import { DEFAULT_HIGHLIGHT_LIMITS, highlightable, type HighlightLimits } from './highlight-limits.js';

const languages = { bash, c, cpp, css, diff, go, ini, java, javascript, json, markdown, php, python, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);

/** Highlighted HTML (escaped by highlight.js), or null when no language is known or guessed. */
function highlighted(text: string, language: string | undefined, limits: HighlightLimits): string | null {
  let lang = language && hljs.getLanguage(language) ? language : undefined;
  if (!lang) {
    const guess = hljs.highlightAuto(text.slice(0, limits.sampleChars), Object.keys(languages));
    if (!guess.language || guess.relevance === 0) return null;
    lang = guess.language;
  }
  return hljs.highlight(text, { language: lang, ignoreIllegals: true }).value;
}

/** What renderContent did: `plain` when highlighting was asked for but skipped past the limits. */
export interface Rendered { plain: boolean; done: Promise<void> }

const CHUNK_CHARS = 16 * 1024;

/**
 * Puts a long text in blocks of about CHUNK_CHARS cut at line ends, which the browser lays out only when
 * they come near the screen (content-visibility: auto in paste.css): a 4 MiB paste shows its first lines
 * at once. The element's text stays exactly the paste's (find in page, copy and selection work).
 */
function setText(element: HTMLElement, text: string): void {
  if (text.length <= CHUNK_CHARS * 4) {
    element.textContent = text;
    return;
  }
  const blocks: HTMLElement[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    const newline = text.lastIndexOf('\n', end - 1);
    if (end < text.length && newline >= start) end = newline + 1;
    else if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
    const block = document.createElement('span');
    block.className = 'paste-chunk';
    block.textContent = text.slice(start, end);
    blocks.push(block);
    start = end;
  }
  element.replaceChildren(...blocks);
}

/** After the next frame is painted (for the marks that `npm run bench:paste-render` reads). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Shows the text at once; highlighting (when asked for and within the limits) follows after the browser
 * has painted the plain text.
 */
export function renderContent(target: HTMLElement, text: string, format: string, language?: string, limits: HighlightLimits = DEFAULT_HIGHLIGHT_LIMITS): Rendered {
  target.replaceChildren();
  if (format === 'markdown') {
    const div = document.createElement('div');
    div.className = 'paste-markdown';
    div.append(sanitizeMarkup(marked.parse(text, { async: false })));
    target.append(div);
    return { plain: false, done: afterPaint().then(() => void performance.mark('paste:painted')) };
  }
  const pre = document.createElement('pre');
  pre.className = 'paste-text';
  target.append(pre);
  const code = format === 'syntaxhighlighting' ? pre.appendChild(document.createElement('code')) : pre;
  setText(code, text);
  const plain = format === 'syntaxhighlighting' && !highlightable(text, limits);
  const done = afterPaint().then(() => {
    performance.mark('paste:painted');
    if (format !== 'syntaxhighlighting' || plain) return;
    const html = highlighted(text, language, limits);
    if (html !== null && code.isConnected) {
      code.className = 'hljs';
      code.innerHTML = html;
    }
  });
  return { plain, done };
}

const PREVIEW_IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'];

export interface DecodedFile { mime: string; bytes: Uint8Array<ArrayBuffer> }

/** Splits a data: URI (what PrivateBin clients put in "attachment"). */
export function decodeDataUri(uri: string): DecodedFile | null {
  const m = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(uri);
  if (!m) return null;
  const mime = (m[1] ?? '').split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
  try {
    const raw = m[2] ? atob(m[3] ?? '') : decodeURIComponent(m[3] ?? '');
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) & 0xff;
    return { mime, bytes };
  } catch {
    return null;
  }
}

export interface AttachmentLabels {
  preview(name: string): string;
  openPdf: string;
  save(name: string): string;
}

/** One list item per file: a preview when it is safe, and always a download link. */
export function renderAttachment(list: HTMLElement, file: { data: string; name: string }, labels: AttachmentLabels): void {
  const decoded = decodeDataUri(file.data);
  if (!decoded) return;
  const li = document.createElement('li');
  const name = file.name.replace(/[/\\]/g, '_');
  if (PREVIEW_IMAGES.includes(decoded.mime)) {
    const img = document.createElement('img');
    img.src = URL.createObjectURL(new Blob([decoded.bytes], { type: decoded.mime }));
    img.alt = labels.preview(name);
    img.className = 'paste-preview';
    li.append(img);
  } else if (decoded.mime === 'application/pdf') {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([decoded.bytes], { type: 'application/pdf' }));
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = labels.openPdf;
    li.append(a, ' · ');
  }
  const save = document.createElement('a');
  // Opaque bytes: the browser saves them and never renders them (HTML and SVG included).
  save.href = URL.createObjectURL(new Blob([decoded.bytes], { type: 'application/octet-stream' }));
  save.download = name;
  save.textContent = labels.save(name);
  li.append(save);
  list.append(li);
}
