// A plain model of a pad's rich text (blocks of marked-up runs), and its conversion to and from the
// Y.XmlFragment that the browser editor (y-prosemirror) edits. Export and import go through it.
import * as Y from 'yjs';

/** The fragment the editor binds to (y-prosemirror's default name). */
export const FRAGMENT = 'prosemirror';

export type MarkName = 'strong' | 'em' | 'underline' | 'strike' | 'code' | 'link';
export interface Run { text: string; marks: Partial<Record<MarkName, true | { href: string }>>; author?: string }
export type Block =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'heading'; level: number; runs: Run[] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'code_block'; text: string }
  | { type: 'horizontal_rule' }
  | { type: 'bullet_list'; items: Block[][] }
  /** `order`: the number of the first item (the editor's `order` attribute; 1 when absent). */
  | { type: 'ordered_list'; order: number; items: Block[][] };

/** The largest first number kept (CommonMark's list markers have at most 9 digits). */
export const MAX_LIST_START = 999_999_999;

/** A list's first number from anything stored or imported: a whole number from 0 to MAX_LIST_START, else 1. */
export function listStart(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_LIST_START ? n : 1;
}

const MARKS: MarkName[] = ['strong', 'em', 'underline', 'strike', 'code', 'link'];

// ---- Y → model ----

function runsOf(el: Y.XmlElement | Y.XmlFragment): Run[] {
  const runs: Run[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string') continue;
        const marks: Run['marks'] = {};
        let author: string | undefined;
        for (const [key, value] of Object.entries(op.attributes ?? {})) {
          const name = key.split('--')[0] as MarkName | 'author';
          if (name === 'author') author = String((value as { id?: unknown }).id ?? '');
          else if (name === 'link') marks.link = { href: String((value as { href?: unknown }).href ?? '') };
          else if (MARKS.includes(name)) marks[name] = true;
        }
        runs.push({ text: op.insert, marks, ...(author ? { author } : {}) });
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hard_break') {
      runs.push({ text: '\n', marks: {} });
    }
  }
  return runs;
}

/** Deeper than this many nested elements, a pad's content is read as plain paragraphs (its text kept):
 * anyone's edits can nest elements without end, and the page and the exports walk blocks recursively.
 * Above the most an import may nest (pad.max_import_depth is at most 500). */
export const MAX_READ_DEPTH = 600;

/** The text under `parent`, one paragraph per text node, gathered without recursion. */
function flatParagraphs(parent: Y.XmlElement | Y.XmlFragment): Block[] {
  const blocks: Block[] = [];
  const stack: (Y.XmlElement | Y.XmlFragment)[] = [parent];
  while (stack.length) {
    const el = stack.pop()!;
    const runs = runsOf(el);
    if (runs.length) blocks.push({ type: 'paragraph', runs });
    const children = el.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return blocks;
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment, depth = 1): Block[] {
  if (depth > MAX_READ_DEPTH) return flatParagraphs(parent);
  const blocks: Block[] = [];
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    switch (child.nodeName) {
      case 'paragraph':
        blocks.push({ type: 'paragraph', runs: runsOf(child) });
        break;
      case 'heading':
        blocks.push({ type: 'heading', level: Math.min(6, Math.max(1, Number(child.getAttribute('level') ?? 1))), runs: runsOf(child) });
        break;
      case 'blockquote':
        blocks.push({ type: 'blockquote', blocks: blocksOf(child, depth + 1) });
        break;
      case 'code_block':
        blocks.push({ type: 'code_block', text: runsOf(child).map((r) => r.text).join('') });
        break;
      case 'horizontal_rule':
        blocks.push({ type: 'horizontal_rule' });
        break;
      case 'bullet_list':
      case 'ordered_list': {
        const items = child.toArray().filter((i): i is Y.XmlElement => i instanceof Y.XmlElement).map((i) => blocksOf(i, depth + 2));
        blocks.push(child.nodeName === 'ordered_list' ? { type: 'ordered_list', order: listStart(child.getAttribute('order')), items } : { type: 'bullet_list', items });
        break;
      }
      default:
        blocks.push({ type: 'paragraph', runs: runsOf(child) });
    }
  }
  return blocks;
}

export function docToBlocks(doc: Y.Doc): Block[] {
  return blocksOf(doc.getXmlFragment(FRAGMENT));
}

// ---- model → Y ----

function textOf(runs: Run[]): Y.XmlText {
  const text = new Y.XmlText();
  const ops = runs.filter((r) => r.text).map((r) => {
    const attributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(r.marks)) attributes[name] = value === true ? {} : value;
    if (r.author) attributes.author = { id: r.author };
    return Object.keys(attributes).length ? { insert: r.text, attributes } : { insert: r.text };
  });
  if (ops.length) text.applyDelta(ops);
  return text;
}

function element(block: Block): Y.XmlElement {
  const el = new Y.XmlElement(block.type);
  switch (block.type) {
    case 'paragraph':
      if (block.runs.some((r) => r.text)) el.insert(0, [textOf(block.runs)]);
      break;
    case 'heading':
      el.setAttribute('level', block.level as unknown as string);
      if (block.runs.some((r) => r.text)) el.insert(0, [textOf(block.runs)]);
      break;
    case 'code_block':
      if (block.text) el.insert(0, [textOf([{ text: block.text, marks: {} }])]);
      break;
    case 'blockquote':
      el.insert(0, (block.blocks.length ? block.blocks : [{ type: 'paragraph', runs: [] } as Block]).map(element));
      break;
    case 'bullet_list':
    case 'ordered_list':
      // y-prosemirror keeps attributes as they are (a number here), as the editor's own edits do.
      if (block.type === 'ordered_list') el.setAttribute('order', listStart(block.order) as unknown as string);
      el.insert(0, block.items.map((item) => {
        const li = new Y.XmlElement('list_item');
        // A list item starts with a paragraph (the editor's schema says so).
        const content = item[0]?.type === 'paragraph' ? item : [{ type: 'paragraph', runs: [] } as Block, ...item];
        li.insert(0, content.map(element));
        return li;
      }));
      break;
    case 'horizontal_rule':
      break;
  }
  return el;
}

/** Replaces the whole content of the pad with `blocks`, in one transaction. */
export function replaceContent(doc: Y.Doc, blocks: Block[]): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  doc.transact(() => {
    if (fragment.length) fragment.delete(0, fragment.length);
    fragment.insert(0, (blocks.length ? blocks : [{ type: 'paragraph', runs: [] } as Block]).map(element));
  });
}
