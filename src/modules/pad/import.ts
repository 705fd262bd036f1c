// Import of text, Markdown and HTML into the block model (then into the pad as one new edit), and of
// our full-history file into a new pad.
import type { ChildNode, Document, Element } from 'domhandler';
import { lazy } from '../../lazy.js';
import { isAllowedHref } from '../../markup/allow-list.js';
import { AppError } from '../../server/errors.js';
import { listStart, type Block, type Run, type MarkName } from './document.js';
import type { HistoryFile } from './export.js';

// The parsers are loaded at the first import, not at start (Markdown's in markdown.ts, imported then).
const htmlparser = lazy<typeof import('htmlparser2')>('htmlparser2');

/** The default of `pad.max_import_depth`. */
export const DEFAULT_MAX_DEPTH = 100;

/** The imported text nests deeper than `max` levels (quotes, lists, styles): 413 with a translated message. */
export function tooDeep(max: number): AppError {
  return new AppError(413, 'pad.import.tooDeep', { max });
}

/** Parses HTML, refusing a tree deeper than `max`: the depth is checked as each element opens, so that a
 * stranger's 100,000 nested tags stop at the first one too many (htmlparser2 keeps its open elements at the
 * front of an array: each one more costs as much as all before it, quadratic time). */
function parseHtml(html: string, max: number, used = 0): Document {
  const { DomHandler, Parser } = htmlparser();
  const handler = new DomHandler();
  const open = handler.onopentag.bind(handler);
  handler.onopentag = (name, attribs) => {
    open(name, attribs);
    // `used`: the levels of the Markdown around it (raw HTML inside a quote or list).
    if (used + depthOf(handler) > max) throw tooDeep(max);
  };
  new Parser(handler).end(html);
  return handler.root;
}

/** The number of elements open in a DomHandler (its stack holds the document too). */
function depthOf(handler: object): number {
  return (handler as { tagStack: unknown[] }).tagStack.length - 1;
}

/** Links kept on import: web, mail and same-site addresses only (the shared allow-list, src/markup). */
export const SAFE_LINK = { test: isAllowedHref };

export type ImportFormat = 'txt' | 'md' | 'html' | 'docx';

export function importFormatOf(filename: string, mime: string): ImportFormat | 'chatonpad' | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (ext === 'chatonpad' || ext === 'json') return 'chatonpad';
  if (ext === 'md' || ext === 'markdown' || mime === 'text/markdown') return 'md';
  if (ext === 'html' || ext === 'htm' || mime === 'text/html') return 'html';
  if (ext === 'txt' || ext === 'text' || mime.startsWith('text/')) return 'txt';
  return null;
}

export function fromText(text: string): Block[] {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n').map((line) => ({ type: 'paragraph', runs: line ? [{ text: line, marks: {} }] : [] }));
}

// ---- HTML (htmlparser2, no script ever runs) ----

const INLINE_MARKS: Record<string, MarkName> = { b: 'strong', strong: 'strong', i: 'em', em: 'em', u: 'underline', s: 'strike', strike: 'strike', del: 'strike', code: 'code' };
const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'section', 'article', 'main', 'header', 'footer', 'table', 'tr', 'body', 'html']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function htmlInline(nodes: ChildNode[], marks: Run['marks'] = {}): Run[] {
  const runs: Run[] = [];
  for (const n of nodes) {
    if (n.type === 'text') runs.push({ text: n.data.replace(/\s+/g, ' '), marks });
    else if (isElement(n)) {
      const tag = n.name.toLowerCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'br') runs.push({ text: '\n', marks });
      else if (tag === 'a' && n.attribs.href && SAFE_LINK.test(n.attribs.href)) runs.push(...htmlInline(n.children, { ...marks, link: { href: n.attribs.href } }));
      else if (INLINE_MARKS[tag]) runs.push(...htmlInline(n.children, { ...marks, [INLINE_MARKS[tag]!]: true }));
      else runs.push(...htmlInline(n.children, marks));
    }
  }
  return runs;
}

function trimRuns(runs: Run[]): Run[] {
  const out = runs.filter((r) => r.text !== '');
  if (out[0]) out[0] = { ...out[0], text: out[0].text.replace(/^ +/, '') };
  const last = out[out.length - 1];
  if (last) out[out.length - 1] = { ...last, text: last.text.replace(/ +$/, '') };
  return out.filter((r) => r.text !== '');
}

function htmlBlocks(nodes: ChildNode[]): Block[] {
  const blocks: Block[] = [];
  let inline: ChildNode[] = [];
  const flush = () => {
    const runs = trimRuns(htmlInline(inline));
    if (runs.length) blocks.push({ type: 'paragraph', runs });
    inline = [];
  };
  for (const n of nodes) {
    if (!isElement(n) || !BLOCK_TAGS.has(n.name.toLowerCase())) {
      if (!(isElement(n) && SKIP.has(n.name.toLowerCase()))) inline.push(n);
      continue;
    }
    flush();
    const tag = n.name.toLowerCase();
    const h = /^h([1-6])$/.exec(tag);
    if (h) blocks.push({ type: 'heading', level: Number(h[1]), runs: trimRuns(htmlInline(n.children)) });
    else if (tag === 'p') blocks.push({ type: 'paragraph', runs: trimRuns(htmlInline(n.children)) });
    else if (tag === 'ul' || tag === 'ol') {
      const items = n.children.filter((c): c is Element => isElement(c) && c.name === 'li').map((li) => htmlBlocks(li.children));
      blocks.push(tag === 'ol' ? { type: 'ordered_list', order: listStart(n.attribs.start ?? 1), items } : { type: 'bullet_list', items });
    }
    else if (tag === 'blockquote') blocks.push({ type: 'blockquote', blocks: htmlBlocks(n.children) });
    else if (tag === 'pre') blocks.push({ type: 'code_block', text: textContent(n) });
    else if (tag === 'hr') blocks.push({ type: 'horizontal_rule' });
    else blocks.push(...htmlBlocks(n.children));
  }
  flush();
  return blocks;
}

function textContent(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  return isElement(n) ? n.children.map(textContent).join('') : '';
}

/** HTML to blocks; a document whose elements nest deeper than `max` (counting `used` levels around it:
 * raw HTML inside Markdown quotes) is refused before it is converted. */
export function fromHtml(html: string, max = DEFAULT_MAX_DEPTH, used = 0): Block[] {
  return htmlBlocks(parseHtml(html, max, used).children);
}

/** Parses an imported text into blocks nesting at most `max` levels (else a 413 AppError, tooDeep). */
export async function parseImport(format: ImportFormat, content: string, max: number): Promise<Block[]> {
  try {
    if (format === 'md') return (await import('./markdown.js')).fromMarkdown(content, max);
    // A .docx comes from the form in base64 (the page reads the file so).
    if (format === 'docx') return await (await import('./docx-import.js')).fromDocx(Buffer.from(content.replace(/^data:[^,]*,/, ''), 'base64'), max);
    if (format === 'html') return fromHtml(content, max);
    return fromText(content);
  } catch (err) {
    // The last wall: whatever the bounds above missed and overflowed the stack is still a refusal.
    if (err instanceof RangeError) throw tooDeep(max);
    throw err;
  }
}

/** Checks a full-history file's shape; returns null when it is not one of ours. */
export function readHistoryFile(content: string): HistoryFile | null {
  try {
    const f = JSON.parse(content) as Partial<HistoryFile>;
    if (f.format !== 'chaton-pad' || f.version !== 1 || !Array.isArray(f.updates)) return null;
    if (!f.updates.every((u) => typeof u?.data === 'string' && typeof u.at === 'number' && typeof u.author === 'string')) return null;
    return { format: 'chaton-pad', version: 1, name: String(f.name ?? ''), exportedAt: Number(f.exportedAt ?? 0), base: typeof f.base === 'string' ? f.base : null, updates: f.updates, authors: Array.isArray(f.authors) ? f.authors : [], chat: Array.isArray(f.chat) ? f.chat : [] };
  } catch {
    return null;
  }
}
