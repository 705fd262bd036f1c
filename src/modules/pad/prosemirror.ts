// The block model (document.ts) to and from a ProseMirror document of the editor's schema (schema.ts), for
// the converters that work on ProseMirror documents (prosemirror-markdown). Authorship is not a format's
// business: it is left out. Links outside the allow-list are dropped, as the HTML export does.
import type { Mark, Node } from 'prosemirror-model';
import { isAllowedHref } from '../../markup/allow-list.js';
import { listStart, type Block, type Run } from './document.js';
import { schema } from './schema.js';

function marksOf(run: Run): Mark[] {
  const marks: Mark[] = [];
  const m = run.marks;
  if (typeof m.link === 'object' && isAllowedHref(m.link.href)) marks.push(schema.marks.link!.create({ href: m.link.href }));
  if (m.em) marks.push(schema.marks.em!.create());
  if (m.strong) marks.push(schema.marks.strong!.create());
  if (m.code) marks.push(schema.marks.code!.create());
  if (m.underline) marks.push(schema.marks.underline!.create());
  if (m.strike) marks.push(schema.marks.strike!.create());
  return sortMarks(marks);
}

function sortMarks(marks: Mark[]): Mark[] {
  return marks.reduce<readonly Mark[]>((set, mark) => mark.addToSet(set), []) as Mark[];
}

function inline(runs: Run[]): Node[] {
  const nodes: Node[] = [];
  for (const run of runs) {
    const marks = marksOf(run);
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) nodes.push(schema.nodes.hard_break!.create());
      if (part) nodes.push(schema.text(part, marks));
    });
  }
  return nodes;
}

function node(block: Block): Node {
  const n = schema.nodes;
  switch (block.type) {
    case 'paragraph': return n.paragraph!.create(null, inline(block.runs));
    case 'heading': return n.heading!.create({ level: block.level }, inline(block.runs));
    case 'code_block': return n.code_block!.create(null, block.text ? schema.text(block.text) : null);
    case 'blockquote': return n.blockquote!.create(null, (block.blocks.length ? block.blocks : [{ type: 'paragraph', runs: [] } as Block]).map(node));
    case 'horizontal_rule': return n.horizontal_rule!.create();
    case 'bullet_list':
    case 'ordered_list': {
      const items = block.items.map((item) => {
        // A list item starts with a paragraph (the schema says so).
        const content = item[0]?.type === 'paragraph' ? item : [{ type: 'paragraph', runs: [] } as Block, ...item];
        return n.list_item!.create(null, content.map(node));
      });
      return block.type === 'ordered_list' ? n.ordered_list!.create({ order: listStart(block.order) }, items) : n.bullet_list!.create(null, items);
    }
  }
}

/** A ProseMirror document of the editor's schema holding `blocks`. */
export function blocksToNode(blocks: Block[]): Node {
  return schema.nodes.doc!.create(null, (blocks.length ? blocks : [{ type: 'paragraph', runs: [] } as Block]).map(node));
}

function runsOf(parent: Node): Run[] {
  const runs: Run[] = [];
  parent.forEach((child) => {
    const marks: Run['marks'] = {};
    for (const mark of child.marks) {
      const name = mark.type.name;
      if (name === 'link') marks.link = { href: String(mark.attrs.href ?? '') };
      else if (name === 'strong' || name === 'em' || name === 'underline' || name === 'strike' || name === 'code') marks[name] = true;
    }
    const text = child.isText ? child.text ?? '' : child.type.name === 'hard_break' ? '\n' : '';
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += text;
    else runs.push({ text, marks });
  });
  return runs;
}

function blocksOf(parent: Node): Block[] {
  const blocks: Block[] = [];
  parent.forEach((child) => {
    switch (child.type.name) {
      case 'heading': blocks.push({ type: 'heading', level: Number(child.attrs.level ?? 1), runs: runsOf(child) }); break;
      case 'code_block': blocks.push({ type: 'code_block', text: child.textContent }); break;
      case 'blockquote': blocks.push({ type: 'blockquote', blocks: blocksOf(child) }); break;
      case 'horizontal_rule': blocks.push({ type: 'horizontal_rule' }); break;
      case 'bullet_list': blocks.push({ type: 'bullet_list', items: itemsOf(child) }); break;
      case 'ordered_list': blocks.push({ type: 'ordered_list', order: listStart(child.attrs.order), items: itemsOf(child) }); break;
      default: blocks.push({ type: 'paragraph', runs: runsOf(child) });
    }
  });
  return blocks;
}

function itemsOf(list: Node): Block[][] {
  const items: Block[][] = [];
  list.forEach((item) => items.push(blocksOf(item)));
  return items;
}

/** The blocks of a ProseMirror document of the editor's schema. */
export function nodeToBlocks(doc: Node): Block[] {
  return blocksOf(doc);
}
