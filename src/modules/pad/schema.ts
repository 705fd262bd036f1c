// The editor's document schema: Etherpad's "rich text light" (paragraphs, two heading levels and more,
// bullet and numbered lists, quotes, code) and marks (bold, italic, underline, strike, code, link) plus
// the author of each piece of text, shown as Etherpad-style colours.
import { Schema, type MarkSpec } from 'prosemirror-model';
import { schema as basic } from 'prosemirror-schema-basic';
import { addListNodes } from 'prosemirror-schema-list';
import { isAllowedHref, LINK_REL } from '../../markup/allow-list.js';

const underline: MarkSpec = { parseDOM: [{ tag: 'u' }], toDOM: () => ['u', 0] };
const strike: MarkSpec = { parseDOM: [{ tag: 's' }, { tag: 'del' }, { tag: 'strike' }], toDOM: () => ['s', 0] };
// Links from the shared document are shown only when they are web, mail or same-site addresses (the
// shared allow-list, src/markup/allow-list.ts): any client could put a javascript: address in it.
const link: MarkSpec = {
  ...basic.spec.marks.get('link'),
  toDOM: (mark) => {
    const href = String(mark.attrs.href ?? '');
    return ['a', { ...(isAllowedHref(href) ? { href } : {}), rel: LINK_REL, target: '_blank' }, 0];
  },
};

const author: MarkSpec = {
  attrs: { id: { default: '' } },
  inclusive: false,
  parseDOM: [{ tag: 'span[data-author]', getAttrs: (dom) => ({ id: (dom as HTMLElement).dataset.author ?? '' }) }],
  toDOM: (mark) => ['span', { class: 'author', 'data-author': String(mark.attrs.id) }, 0],
};

export const schema = new Schema({
  nodes: addListNodes(basic.spec.nodes.remove('image'), 'paragraph block*', 'block'),
  // Underline and strike before code: code stays the innermost mark (Markdown writes code's text as it is).
  marks: basic.spec.marks.update('link', link).addBefore('code', 'underline', underline).addBefore('code', 'strike', strike).addToEnd('author', author),
});
