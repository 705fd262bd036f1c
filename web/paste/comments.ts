// The discussion of a paste: comments are decrypted with the paste's key (and password), then shown as
// a thread (each reply under the comment it answers). Nicknames and texts are set as text, never HTML.
import { formatDate } from '../../src/i18n/dates.js';
import { decrypt, type CipherSpec, type CommentMessage } from './crypto.js';

export interface ApiComment {
  id: string;
  parentid: string;
  adata: CipherSpec;
  ct: string;
  meta?: { created?: number };
}

export interface CommentLabels { reply: string; anonymous: string; undecryptable: string; lang: string }

export async function renderComments(
  target: HTMLElement,
  comments: ApiComment[],
  pasteId: string,
  key: Uint8Array,
  password: string,
  labels: CommentLabels,
  onReply: (commentId: string) => void,
): Promise<void> {
  const decrypted = await Promise.all(
    comments.map(async (c) => {
      try {
        return { c, m: await decrypt<CommentMessage>(key, password, c.ct, c.adata) };
      } catch {
        return { c, m: null };
      }
    }),
  );
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<string, typeof decrypted>();
  for (const d of decrypted) {
    // A reply whose parent is unknown is shown at the top level rather than lost.
    const parent = ids.has(d.c.parentid) ? d.c.parentid : pasteId;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const build = (parent: string): HTMLUListElement | null => {
    const list = children.get(parent);
    if (!list?.length) return null;
    const ul = document.createElement('ul');
    ul.className = 'paste-thread';
    for (const { c, m } of list) {
      const li = document.createElement('li');
      const article = document.createElement('article');
      article.className = 'paste-comment';
      article.id = `comment-${c.id}`;
      const header = document.createElement('p');
      header.className = 'meta';
      const nick = document.createElement('strong');
      nick.textContent = m?.nickname?.trim() || labels.anonymous;
      header.append(nick);
      if (c.meta?.created) header.append(` · ${formatDate(c.meta.created * 1000, labels.lang, 'dateTime')}`);
      const body = document.createElement('p');
      body.className = 'paste-comment-text';
      body.textContent = m ? String(m.comment ?? '') : labels.undecryptable;
      const reply = document.createElement('button');
      reply.type = 'button';
      reply.className = 'link';
      reply.textContent = labels.reply;
      reply.addEventListener('click', () => onReply(c.id));
      article.append(header, body, reply);
      li.append(article);
      const sub = build(c.id);
      if (sub) li.append(sub);
      ul.append(li);
    }
    return ul;
  };
  const tree = build(pasteId);
  target.replaceChildren(...(tree ? [tree] : []));
}
