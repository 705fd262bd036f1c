// Export of a pad as plain text and HTML (from its current state; Markdown in markdown.ts, .docx and .odt
// in office.ts, loaded when first asked for), and as a full-history
// file of our own (every update with its time and author, the chat) that another chaton re-imports.
import * as Y from 'yjs';
import { docToBlocks, type Block, type Run } from './document.js';
import type { PadDb } from './tables.js';
import { trimLines } from './spaces.js';
import { isAllowedHref } from '../../markup/allow-list.js';

export type ExportFormat = 'txt' | 'md' | 'html' | 'docx' | 'odt' | 'chatonpad';
export const EXPORT_FORMATS: ExportFormat[] = ['txt', 'md', 'html', 'docx', 'odt', 'chatonpad'];

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

// ---- text ----

function plain(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

function textBlocks(blocks: Block[], indent = ''): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(indent + plain(b.runs));
    else if (b.type === 'code_block') out.push(...b.text.split('\n').map((l) => indent + l));
    else if (b.type === 'blockquote') out.push(...textBlocks(b.blocks, indent + '> '));
    else if (b.type === 'horizontal_rule') out.push(indent + '---');
    else b.items.forEach((item, i) => {
      const [first = '', ...rest] = textBlocks(item, indent + '   ');
      out.push(indent + (b.type === 'ordered_list' ? `${b.order + i}. ` : '- ') + first.slice(indent.length + 3), ...rest);
    });
  }
  return out;
}

export function toText(doc: Y.Doc): string {
  return textBlocks(docToBlocks(doc)).join('\n') + '\n';
}

// ---- HTML ----

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function safeHref(href: string): string | null {
  return isAllowedHref(href) ? href : null;
}

function htmlRuns(runs: Run[]): string {
  return runs
    .map((r) => {
      let s = escapeHtml(r.text).replace(/\n/g, '<br>');
      if (r.marks.code) s = `<code>${s}</code>`;
      if (r.marks.strike) s = `<s>${s}</s>`;
      if (r.marks.underline) s = `<u>${s}</u>`;
      if (r.marks.em) s = `<em>${s}</em>`;
      if (r.marks.strong) s = `<strong>${s}</strong>`;
      const href = typeof r.marks.link === 'object' ? safeHref(r.marks.link.href) : null;
      if (href) s = `<a href="${escapeHtml(href)}">${s}</a>`;
      return s;
    })
    .join('');
}

function htmlBlocks(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${htmlRuns(b.runs)}</p>`;
      if (b.type === 'heading') return `<h${b.level}>${htmlRuns(b.runs)}</h${b.level}>`;
      if (b.type === 'code_block') return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
      if (b.type === 'blockquote') return `<blockquote>${htmlBlocks(b.blocks)}</blockquote>`;
      if (b.type === 'horizontal_rule') return '<hr>';
      const open = b.type === 'ordered_list' ? (b.order === 1 ? '<ol>' : `<ol start="${b.order}">`) : '<ul>';
      return `${open}${b.items.map((item) => `<li>${htmlBlocks(item)}</li>`).join('')}</${open.slice(1, 3)}>`;
    })
    .join('\n');
}

export function toHtml(doc: Y.Doc, title: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>\n${htmlBlocks(trimLines(docToBlocks(doc), true))}\n</body></html>\n`;
}

// ---- full history ----

export interface HistoryFile {
  format: 'chaton-pad';
  version: 1;
  name: string;
  exportedAt: number;
  /** The compacted past (base64 Yjs update), when older history was compacted or cleared. */
  base: string | null;
  updates: { at: number; author: string; data: string }[];
  authors: { author: string; name: string; color: string }[];
  chat: { at: number; author: string; name: string; color: string; text: string }[];
}

/** The whole history of a pad: the oldest checkpoint (if history was compacted) and every update after it. */
export async function historyFile(db: PadDb, name: string): Promise<HistoryFile> {
  const first = await db.selectFrom('pad_checkpoints').select(['upto', 'state']).where('pad', '=', name).orderBy('upto').limit(1).executeTakeFirst();
  const minUpdate = await db.selectFrom('pad_updates').select((eb) => eb.fn.min('id').as('id')).where('pad', '=', name).executeTakeFirst();
  // A checkpoint is needed as a base only when updates before it are gone.
  const base = first && (minUpdate?.id == null || Number(minUpdate.id) > Number(first.upto)) ? first : undefined;
  const updates = await db.selectFrom('pad_updates').select(['at', 'author', 'data']).where('pad', '=', name).where('id', '>', base ? Number(base.upto) : 0).orderBy('id').execute();
  const authors = await db.selectFrom('pad_authors').select(['author', 'name', 'color']).where('pad', '=', name).execute();
  const chat = await db.selectFrom('pad_chat').select(['at', 'author', 'name', 'color', 'text']).where('pad', '=', name).orderBy('id').execute();
  return {
    format: 'chaton-pad',
    version: 1,
    name,
    exportedAt: Date.now(),
    base: base ? Buffer.from(base.state).toString('base64') : null,
    updates: updates.map((u) => ({ at: Number(u.at), author: u.author, data: Buffer.from(u.data).toString('base64') })),
    authors,
    chat: chat.map((c) => ({ ...c, at: Number(c.at) })),
  };
}
