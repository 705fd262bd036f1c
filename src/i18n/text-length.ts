// Lengths of text that people write, shared by the server and the browser bundles. A limit counts code
// points (an emoji is one, not two UTF-16 units; a browser's maxlength counts UTF-16 units, so what it lets
// through is always accepted here), and text is cut between grapheme clusters only (Intl.Segmenter): a flag
// or a family emoji stays whole or goes whole, and no lone surrogate is ever left.

/** The number of code points. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The longest start of `text` made of whole grapheme clusters and at most `max` code points. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 units ≥ code points: already within the limit.
  let out = '';
  let count = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = codePoints(segment);
    if (count + size > max) break;
    out += segment;
    count += size;
  }
  return out;
}
