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
import DOMPurify from 'dompurify';

const languages = { bash, c, cpp, css, diff, go, ini, java, javascript, json, markdown, php, python, rust, sql, typescript, xml, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);

export function renderContent(target: HTMLElement, text: string, format: string, language?: string): void {
  target.replaceChildren();
  if (format === 'markdown') {
    const div = document.createElement('div');
    div.className = 'paste-markdown';
    div.innerHTML = DOMPurify.sanitize(marked.parse(text, { async: false }), { FORBID_TAGS: ['style', 'form'], FORBID_ATTR: ['style'] });
    for (const a of div.querySelectorAll('a')) a.rel = 'noopener noreferrer nofollow';
    target.append(div);
    return;
  }
  const pre = document.createElement('pre');
  pre.className = 'paste-text';
  if (format === 'syntaxhighlighting') {
    const code = document.createElement('code');
    code.className = 'hljs';
    // highlight.js escapes the text it wraps in its spans.
    code.innerHTML = language && hljs.getLanguage(language) ? hljs.highlight(text, { language }).value : hljs.highlightAuto(text).value;
    pre.append(code);
  } else {
    pre.textContent = text;
  }
  target.append(pre);
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
