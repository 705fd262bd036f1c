// Spaces that a format does not keep, taken out before export so that what is exported reads back the
// same: Markdown and HTML drop the spaces at the start and end of a line, and HTML reads a run of spaces
// as one.
import type { Block } from './document.js';

function trimRuns<R extends { text: string }>(b: { runs: R[] }, collapse: boolean): R[] {
  const text = b.runs.map((r) => r.text).join('');
  // Which characters are kept: those inside each line's trimmed span (and, collapsing, not after a space).
  const keep: boolean[] = [];
  for (const line of text.split('\n')) {
    const start = line.length - line.trimStart().length;
    const end = line.trimEnd().length;
    for (let i = 0; i < line.length; i++) keep.push(i >= start && i < end && !(collapse && /\s/.test(line[i]!) && /\s/.test(line[i - 1] ?? '')));
    keep.push(true); // the line break
  }
  let at = 0;
  return b.runs
    .map((r) => {
      let kept = '';
      for (let i = 0; i < r.text.length; i++, at++) if (keep[at]) kept += collapse && /\s/.test(r.text[i]!) && r.text[i] !== '\n' ? ' ' : r.text[i];
      return { ...r, text: kept };
    })
    .filter((r) => r.text);
}

/** The runs without line breaks at their start and end. */
function trimBreaks<R extends { text: string }>(runs: R[]): R[] {
  const out = runs.map((r) => ({ ...r }));
  while (out[0] && /^\s/.test(out[0].text)) out[0].text = out[0].text.replace(/^\s+/, '') || (out.shift(), '');
  for (let last = out[out.length - 1]; last && /\s$/.test(last.text); last = out[out.length - 1]) {
    last.text = last.text.replace(/\s+$/, '');
    if (!last.text) out.pop();
  }
  return out.filter((r) => r.text);
}

/** The blocks without spaces at the start and end of their lines (and, with `collapse`, runs of spaces as
 * one; with `breaks`, no line break at the start or end of a paragraph or heading). */
export function trimLines(blocks: Block[], collapse = false, breaks = false): Block[] {
  return blocks.map((b): Block => {
    if (b.type === 'paragraph' || b.type === 'heading') {
      const runs = trimRuns(b, collapse);
      return { ...b, runs: breaks ? trimBreaks(runs) : runs };
    }
    if (b.type === 'blockquote') return { ...b, blocks: trimLines(b.blocks, collapse, breaks) };
    if (b.type === 'bullet_list' || b.type === 'ordered_list') return { ...b, items: b.items.map((item) => trimLines(item, collapse, breaks)) };
    return b;
  });
}
