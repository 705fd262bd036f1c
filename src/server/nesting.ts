// Bounds on how deeply a stranger's document nests, measured without recursion: parsers and converters
// that walk a tree recursively overflow the stack (a 500) on a few thousand nested quotes or lists, so
// the depth is checked before they run.

/** The depth of a tree (the root alone: 1), walked with an explicit stack; stops early past `stopAbove`. */
export function treeDepth<T>(root: T, children: (node: T) => readonly T[] | undefined, stopAbove = Infinity): number {
  let max = 0;
  const stack: [T, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > stopAbove) return max;
    for (const child of children(node) ?? []) stack.push([child, depth + 1]);
  }
  return max;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const EMPHASIS = /[*_~]/g;

/**
 * Upper bounds, read from Markdown source without parsing it, of how deeply its blocks (quotes, lists) and
 * its emphasis can nest: `blocks` counts the container markers opening a line plus half its indentation
 * (outside fenced code), `inline` half the emphasis delimiters of the longest paragraph or list item.
 */
export function markdownNesting(md: string): { blocks: number; inline: number } {
  let blocks = 0;
  let inline = 0;
  let paragraph = 0;
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const f = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    if (!line.trim()) {
      paragraph = 0;
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    let depth = Math.floor(indent / 2);
    let rest = line;
    for (let m = CONTAINER.exec(rest); m; m = CONTAINER.exec(rest)) {
      depth++;
      // Emphasis does not run across list items.
      if (!m[0].endsWith('>')) paragraph = 0;
      rest = rest.slice(m[0].length);
    }
    if (depth > blocks) blocks = depth;
    paragraph += rest.match(EMPHASIS)?.length ?? 0;
    if (paragraph / 2 > inline) inline = Math.floor(paragraph / 2);
  }
  return { blocks, inline };
}

/** Above this many nested emphasis delimiters in one paragraph (read from the source), Markdown is not
 * parsed at all: marked nests one call per level and overflows the stack a few thousand levels down. */
export const MARKDOWN_INLINE_SCAN_MAX = 1000;

/** Whether Markdown may nest its quotes and lists deeper than `maxBlocks`, or its emphasis too deep for marked. */
export function markdownTooDeep(md: string, maxBlocks: number): boolean {
  const bound = markdownNesting(md);
  return bound.blocks > maxBlocks || bound.inline > MARKDOWN_INLINE_SCAN_MAX;
}
