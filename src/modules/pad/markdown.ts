// Markdown export and import of a pad through prosemirror-markdown, driven by the editor's own schema
// (schema.ts): CommonMark's escaping is the serializer's, the parsing markdown-it's. What the schema has
// and CommonMark lacks goes through the few HTML tags the import understands back: <u> for underline
// (strike is GFM's ~~). Loaded on the first Markdown export or import, not at start.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { MarkdownParser, MarkdownSerializer, MarkdownSerializerState, defaultMarkdownSerializer } from 'prosemirror-markdown';
import type { Mark, Node } from 'prosemirror-model';
import type * as Y from 'yjs';
import { isAllowedHref } from '../../markup/allow-list.js';
import { markdownTooDeep } from '../../server/nesting.js';
import { docToBlocks, listStart, type Block } from './document.js';
import { DEFAULT_MAX_DEPTH, fromHtml, tooDeep } from './import.js';
import { blocksToNode, nodeToBlocks } from './prosemirror.js';
import { trimLines } from './spaces.js';
import { schema } from './schema.js';

// ---- export ----

/** CommonMark's escaping (prosemirror-markdown's) and what it leaves out: `1)` list markers and entities. */
class PadSerializerState extends MarkdownSerializerState {
  override esc(str: string, startOfLine = false): string {
    let out = super.esc(str, startOfLine);
    if (startOfLine) out = out.replace(/^(\d+)\)/, '$1\\)').replace(/^(=+|\++)(?=\s|$)/, '\\$1');
    return out;
  }
}

class PadSerializer extends MarkdownSerializer {
  override serialize(content: Node, options: { tightLists?: boolean } = {}): string {
    // The state's constructor is internal to prosemirror-markdown, called here as its own serialize() does.
    const State = PadSerializerState as unknown as new (...args: unknown[]) => PadSerializerState;
    const state = new State(this.nodes, this.marks, { ...this.options, ...options });
    state.renderContent(content);
    return (state as unknown as { out: string }).out;
  }
}

/** An item's first paragraph is there because the schema wants one: when it is empty, the next block
 * starts the item's line (and the import puts the paragraph back). */
function skipsFirst(item: Node): boolean {
  return item.childCount > 1 && item.firstChild!.type.name === 'paragraph' && item.firstChild!.childCount === 0;
}

/** A list is written tight (no blank line between items) when each item is one block holding no other
 * (a tight list's items would run their inner blocks together too). */
function tight(list: Node): boolean {
  let yes = true;
  list.forEach((item) => {
    const blocks = item.childCount - (skipsFirst(item) ? 1 : 0);
    if (blocks > 1 || !item.lastChild!.isTextblock) yes = false;
  });
  return yes;
}

/** Lists of the same kind one after the other take turns between two markers, or they would read as one. */
function turn(parent: Node, index: number, type: Node['type']): number {
  let n = 0;
  for (let i = index - 1; i >= 0 && parent.child(i).type === type; i--) n++;
  return n % 2;
}

function renderList(state: MarkdownSerializerState, list: Node, delim: string, first: (i: number) => string): void {
  const options = state.options as { tightLists?: boolean };
  const before = options.tightLists;
  options.tightLists = tight(list);
  state.renderList(list, delim, first);
  options.tightLists = before;
}

const WORD = /[\p{L}\p{N}]/u;
const DELIMITED = new Set(['em', 'strong', 'strike', 'code', 'link', 'underline']);

/** Whether CommonMark reads `**`, `*` or `~~` around the span of `mark` that holds child `at` of `parent`
 * as emphasis: a delimiter next to punctuation (or another mark's delimiter) inside a word is read as text. */
function flanks(mark: Mark, parent: Node, at: number): boolean {
  let start = at;
  while (start > 0 && mark.isInSet(parent.child(start - 1).marks)) start--;
  let end = at;
  while (end < parent.childCount - 1 && mark.isInSet(parent.child(end + 1).marks)) end++;
  // A span across a link's edge may be cut in two by the link's brackets: tags, wherever it is cut.
  const link = (i: number) => parent.child(i).marks.find((m) => m.type.name === 'link');
  for (let i = start + 1; i <= end; i++) if (!(link(i) === link(start) || (link(i) && link(start) && link(i)!.eq(link(start)!)))) return false;
  const text = (i: number) => (parent.child(i).isText ? parent.child(i).text! : ' ');
  const opens = (i: number, j: number) => parent.child(i).marks.some((m) => m !== mark && DELIMITED.has(m.type.name) && (j < 0 || j >= parent.childCount || !m.isInSet(parent.child(j).marks)));
  const inner = Array.from({ length: end - start + 1 }, (_, k) => text(start + k)).join('');
  const before = start > 0 ? text(start - 1).slice(-1) : '';
  const after = end < parent.childCount - 1 ? text(end + 1)[0]! : '';
  const first = /^\s/.test(inner) || opens(start, start - 1) ? (/^\s/.test(inner) ? ' ' : '*') : inner[0]!;
  const last = /\s$/.test(inner) || opens(end, end + 1) ? (/\s$/.test(inner) ? ' ' : '*') : inner.slice(-1);
  const okStart = WORD.test(first) || first === ' ' || !WORD.test(before);
  const okEnd = WORD.test(last) || last === ' ' || !WORD.test(after);
  return okStart && okEnd;
}

/** A mark written with CommonMark's delimiters where they are read back, else with its HTML tag. */
type MarkSerializerSpec = MarkdownSerializer['marks'][string];

function delimited(md: string, tag: string): MarkSerializerSpec {
  return {
    open: (_state, mark, parent, index) => (flanks(mark, parent, index) ? md : `<${tag}>`),
    close: (_state, mark, parent, index) => (flanks(mark, parent, index - 1) ? md : `</${tag}>`),
    mixable: true,
    expelEnclosingWhitespace: true,
  };
}

const nodes = defaultMarkdownSerializer.nodes;
const serializer = new PadSerializer(
  {
    ...nodes,
    bullet_list(state, node, parent, index) {
      const marker = turn(parent, index, node.type) ? '* ' : '- ';
      renderList(state, node, '  ', () => marker);
    },
    ordered_list(state, node, parent, index) {
      const start = listStart(node.attrs.order);
      const delim = turn(parent, index, node.type) ? ') ' : '. ';
      const width = String(start + node.childCount - 1).length;
      // Numbers not padded on the left (that would shift the content of an item holding it); the spaces after
      // the marker make every item's content start at the same column as the continuation lines (CommonMark
      // allows 1 to 4 spaces there), so "999." and "1000." items read back alike.
      renderList(state, node, ' '.repeat(width + 2), (i) => {
        const number = String(start + i);
        const pad = width - number.length;
        return number + delim + (pad + 1 <= 4 ? ' '.repeat(pad) : '');
      });
    },
    list_item(state, node) {
      const skip = skipsFirst(node);
      node.forEach((child, _, i) => {
        if (i > 0 || !skip) state.render(child, node, i);
      });
    },
    // A rule on a list item's line: `- ---` or `* ***` would be a rule alone.
    horizontal_rule(state, node, parent) {
      state.write(parent.type.name === 'list_item' ? '___' : '---');
      state.closeBlock(node);
    },
    // A heading is one line: a line break in it is written as a space.
    hard_break(state, node, parent, index) {
      if (parent.type.name === 'heading') return void state.write(' ');
      nodes.hard_break!(state, node, parent, index);
    },
  },
  {
    ...defaultMarkdownSerializer.marks,
    underline: { open: '<u>', close: '</u>', mixable: true, expelEnclosingWhitespace: true },
    em: delimited('*', 'em'),
    strong: delimited('**', 'strong'),
    strike: delimited('~~', 's'),
  },
  // Raw HTML and entities are read on import: a text's own < and & are escaped.
  { escapeExtraCharacters: /[<&]/g },
);

/** Empty paragraphs say nothing in Markdown (a blank line is a separator): left out, but a list item's first. */
function dropEmpty(blocks: Block[], item = false): Block[] {
  return blocks
    .filter((b, i) => !(b.type === 'paragraph' && b.runs.length === 0 && !(item && i === 0)))
    .map((b): Block => {
      if (b.type === 'blockquote') return { ...b, blocks: dropEmpty(b.blocks) };
      if (b.type === 'bullet_list' || b.type === 'ordered_list') return { ...b, items: b.items.map((it) => dropEmpty(it, true)) };
      return b;
    });
}

const EXPELLED = ['em', 'strong', 'strike', 'underline'] as const;

/** Spaces at the edges of bold, italic, strike and underline are written outside them (as CommonMark needs):
 * they are so before the spans are measured. */
function expel(blocks: Block[]): Block[] {
  return blocks.map((b): Block => {
    if (b.type === 'paragraph' || b.type === 'heading') {
      const runs = b.runs.flatMap((r) => {
        if (!EXPELLED.some((m) => r.marks[m]) || !r.text.trim()) return [r];
        const plain = { ...r.marks };
        for (const m of EXPELLED) delete plain[m];
        const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text) ?? [];
        return [{ ...r, text: lead, marks: plain }, { ...r, text: core }, { ...r, text: trail, marks: plain }].filter((x) => x.text);
      });
      return { ...b, runs };
    }
    if (b.type === 'blockquote') return { ...b, blocks: expel(b.blocks) };
    if (b.type === 'bullet_list' || b.type === 'ordered_list') return { ...b, items: b.items.map(expel) };
    return b;
  });
}

export function blocksToMarkdown(blocks: Block[]): string {
  const md = serializer.serialize(blocksToNode(expel(dropEmpty(trimLines(blocks, false, true))))).replace(/^\n+/, '');
  return md.trim() ? md.replace(/\n*$/, '\n') : '';
}

export function toMarkdown(doc: Y.Doc): string {
  return blocksToMarkdown(docToBlocks(doc));
}

// ---- import ----

type Handler = (state: ParseState, token: Token, tokens: Token[], i: number) => void;
interface ParseState {
  push(node: Node): void;
  openMark(mark: ReturnType<typeof schema.mark>): void;
  closeMark(mark: ReturnType<typeof schema.mark> | (typeof schema.marks)[string]): void;
  addText(text: string): void;
  addNode(type: (typeof schema.nodes)[string], attrs?: Record<string, unknown> | null): void;
}

const INLINE_TAGS: Record<string, string> = { u: 'underline', ins: 'underline', s: 'strike', del: 'strike', strike: 'strike', b: 'strong', strong: 'strong', i: 'em', em: 'em', code: 'code' };

function parserFor(max: number): MarkdownParser {
  // Past maxNesting, markdown-it drops what is deeper without a word: it is set above the limit checked below.
  const tokenizer = new MarkdownIt('commonmark', { html: true, maxNesting: max + 2 }).enable('strikethrough');
  const parser = new MarkdownParser(schema, tokenizer, {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'list_item' },
    bullet_list: { block: 'bullet_list' },
    ordered_list: { block: 'ordered_list', getAttrs: (tok) => ({ order: listStart(Number(tok.attrGet('start') ?? 1)) }) },
    heading: { block: 'heading', getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
    code_block: { block: 'code_block', noCloseToken: true },
    fence: { block: 'code_block', noCloseToken: true },
    hr: { node: 'horizontal_rule' },
    hardbreak: { node: 'hard_break' },
    em: { mark: 'em' },
    strong: { mark: 'strong' },
    s: { mark: 'strike' },
    code_inline: { mark: 'code', noCloseToken: true },
    // Replaced below.
    link: { mark: 'link' },
    image: { ignore: true, noCloseToken: true },
    html_inline: { ignore: true, noCloseToken: true },
    html_block: { ignore: true, noCloseToken: true },
  });
  const handlers = (parser as unknown as { tokenHandlers: Record<string, Handler> }).tokenHandlers;
  handlers.link_open = (state, tok) => {
    const href = tok.attrGet('href') ?? '';
    if (isAllowedHref(href)) state.openMark(schema.marks.link!.create({ href }));
  };
  handlers.link_close = (state) => state.closeMark(schema.marks.link!);
  // An image is not part of a pad: its description is kept as text.
  handlers.image = (state, tok) => state.addText(tok.content || (tok.children ?? []).map((c) => c.content).join(''));
  handlers.html_inline = (state, tok) => {
    const m = /^<(\/?)([a-z]+)\s*\/?>$/i.exec(tok.content.trim());
    const tag = m?.[2]?.toLowerCase() ?? '';
    if (tag === 'br') return void state.addNode(schema.nodes.hard_break!);
    const mark = INLINE_TAGS[tag];
    if (!mark) return;
    if (m?.[1]) state.closeMark(schema.marks[mark]!);
    else state.openMark(schema.marks[mark]!.create());
  };
  // Raw HTML blocks go through the HTML import (its allow-list and its depth limit, counting the levels around).
  handlers.html_block = (state, tok) => {
    for (const child of blocksToNode(fromHtml(tok.content, max, tok.level)).content.content) {
      if (!(child.type.name === 'paragraph' && child.childCount === 0)) state.push(child);
    }
  };
  return parser;
}

/** The deepest nesting of markdown-it's tokens: open containers, marks inside them counted too. */
function tokenDepth(tokens: Token[]): number {
  let max = 0;
  for (const tok of tokens) {
    const depth = tok.level + (tok.nesting === 1 ? 1 : 0);
    if (depth > max) max = depth;
    for (const child of tok.children ?? []) {
      const inner = tok.level + 1 + child.level + (child.nesting === 1 ? 1 : 0);
      if (inner > max) max = inner;
    }
  }
  return max;
}

/** Markdown to blocks; a text whose quotes, lists or styles nest deeper than `max` is refused before it is converted. */
export function fromMarkdown(md: string, max = DEFAULT_MAX_DEPTH): Block[] {
  const text = md.replace(/\r\n?/g, '\n');
  // An upper bound read from the source first (the parser recurses per level); then the exact depth.
  if (markdownTooDeep(text, max)) throw tooDeep(max);
  const parser = parserFor(max);
  if (tokenDepth(parser.tokenizer.parse(text, {})) > max) throw tooDeep(max);
  const blocks = nodeToBlocks(parser.parse(text));
  return blocks.length === 1 && blocks[0]!.type === 'paragraph' && blocks[0]!.runs.length === 0 ? [] : blocks;
}
