// Helpers for the pad tests: create a pad through its form, open protocol clients, wait for conditions.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TestClient } from '../helpers/client.js';
import { PadClient, type SocketLike } from '../../src/modules/pad/client.js';
import { FRAGMENT } from '../../src/modules/pad/document.js';
import type { AuthorInfo } from '../../src/modules/pad/protocol.js';

export interface CreatedPad { name: string; adminPath: string; readOnlyPath: string }

/** Creates a pad through the form, as a person would; returns its name, admin page and read-only path. */
export async function createPad(base: string, name = ''): Promise<CreatedPad> {
  const client = new TestClient(base);
  const res = await client.submit('/pad/', { name });
  if (res.status !== 303 || !res.location) throw new Error(`pad creation answered ${res.status}: ${res.text.slice(0, 300)}`);
  // The creator lands on the pad; the secret admin token is in the address's fragment.
  const m = /^\/pad\/([^/#?]+)#admin=([A-Za-z0-9_-]+)$/.exec(res.location);
  const adminPath = `/pad/${m?.[1] ?? ''}/admin/${m?.[2] ?? ''}`;
  const admin = await client.get(adminPath);
  const ro = /\/pad\/ro\/([A-Za-z0-9_-]+)/.exec(admin.text);
  if (!m?.[1] || !ro) throw new Error('no pad name or read-only link on the admin page');
  return { name: m[1], adminPath, readOnlyPath: `/pad/ro/${ro[1]}` };
}

export function wsUrl(base: string, path: string): string {
  return base.replace(/^http/, 'ws') + path + '/ws';
}

export function openSocket(url: string): SocketLike {
  return new WebSocket(url) as unknown as SocketLike;
}

let authorCount = 0;
export function connect(base: string, path: string, opts: { author?: AuthorInfo; reconnect?: boolean; awareness?: boolean } = {}): PadClient {
  const author = opts.author ?? { author: `author-${String(++authorCount).padStart(4, '0')}`, name: `Auteur ${authorCount}`, color: '#ffd6a5' };
  return new PadClient({ url: wsUrl(base, path), open: openSocket, author, ...(opts.reconnect === false ? { reconnect: false } : {}), ...(opts.awareness === false ? { awareness: false } : {}) });
}

export async function waitFor(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The pad's text as a string (all paragraphs, joined by newlines). */
export function textOfDoc(doc: Y.Doc): string {
  return doc.getXmlFragment(FRAGMENT).toArray().map((el) => (el instanceof Y.XmlElement ? el.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : '')).join('') : '')).join('\n');
}

/** Appends `text` to the first paragraph (creating it if needed), as an editor would. */
export function type(doc: Y.Doc, text: string, at?: number): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  doc.transact(() => {
    if (fragment.length === 0) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [p]);
    }
    const p = fragment.get(0) as Y.XmlElement;
    if (p.length === 0) p.insert(0, [new Y.XmlText()]);
    const t = p.get(0) as Y.XmlText;
    t.insert(Math.min(at ?? t.length, t.length), text);
  });
}

export function deleteSome(doc: Y.Doc, at: number, n: number): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const p = fragment.get(0);
  if (!(p instanceof Y.XmlElement)) return;
  const t = p.get(0);
  if (!(t instanceof Y.XmlText) || t.length === 0) return;
  const start = Math.min(at, t.length - 1);
  t.delete(start, Math.min(n, t.length - start));
}

export function closed(client: PadClient): Promise<number> {
  return new Promise((resolve) => {
    if (client.status === 'closed') return resolve(client.closeCode);
    client.on('closed', (code) => resolve(code as number));
  });
}
