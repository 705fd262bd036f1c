// Shows a decrypted paste: plain text, highlighted code or sanitized Markdown, and its attachments.
// Only images (not SVG) and PDF get a preview; every other file, HTML and SVG included, is only offered
// for download as opaque bytes, never rendered.
import { sanitizeMarkup } from './sanitize.js';
import { DEFAULT_HIGHLIGHT_LIMITS, highlightable, type HighlightLimits } from './highlight-limits.js';
import { formatInWorker } from './format.js';

/** Time a worker gets to format a paste (Markdown or highlighting) before the text is left plain. */
export const FORMAT_BUDGET_MS = 5000;

/** What renderContent did: `plain` when formatting was asked for but skipped (limits, time budget). */
export interface Rendered { done: Promise<{ plain: boolean }> }

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
 * Shows the text at once, as plain text; formatting (Markdown, highlighting) is done by a worker within
 * FORMAT_BUDGET_MS and replaces it when ready, so nothing a stranger writes can freeze the page.
 */
export function renderContent(target: HTMLElement, text: string, format: string, language?: string, limits: HighlightLimits = DEFAULT_HIGHLIGHT_LIMITS): Rendered {
  const pre = document.createElement('pre');
  pre.className = 'paste-text';
  const code = format === 'syntaxhighlighting' ? pre.appendChild(document.createElement('code')) : pre;
  setText(code, text);
  target.replaceChildren(pre);
  const painted = afterPaint().then(() => void performance.mark('paste:painted'));
  if (format === 'markdown') {
    const done = painted
      .then(() => formatInWorker({ kind: 'markdown', text }, FORMAT_BUDGET_MS))
      .then((html) => {
        if (html === null) return { plain: true };
        const div = document.createElement('div');
        div.className = 'paste-markdown';
        div.append(sanitizeMarkup(html));
        if (pre.isConnected) target.replaceChildren(div);
        return { plain: false };
      });
    return { done };
  }
  if (format !== 'syntaxhighlighting') return { done: painted.then(() => ({ plain: false })) };
  if (!highlightable(text, limits)) return { done: painted.then(() => ({ plain: true })) };
  const done = painted
    .then(() => formatInWorker({ kind: 'highlight', text, ...(language ? { language } : {}), sampleChars: limits.sampleChars }, FORMAT_BUDGET_MS))
    .then((html) => {
      if (html === null) return { plain: true };
      // highlight.js escapes the text it wraps in its spans.
      code.className = 'hljs';
      code.innerHTML = html;
      return { plain: false };
    });
  return { done };
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
