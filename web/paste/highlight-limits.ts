// How much work a paste's reader does on a stranger's text. highlight.js takes time quadratic in a line's
// length (one line of 40,000 hex characters froze a tab for 36 s, 20,000 random letters 14 s, a 400 KiB
// log 4 s), so a text longer than `maxChars` or with a line longer than `maxLineChars` is shown as plain
// text (with a note), and the language is guessed on the first `sampleChars` characters only. The page
// passes the admins' values (paste.highlight_max_chars, paste.highlight_max_line_chars).

export interface HighlightLimits { maxChars: number; maxLineChars: number; sampleChars: number }
export const DEFAULT_HIGHLIGHT_LIMITS: HighlightLimits = { maxChars: 65_536, maxLineChars: 300, sampleChars: 2048 };

/** The longest line's length, or a length above `stopAbove` as soon as one is found. */
function longestLine(text: string, stopAbove: number): number {
  let longest = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    longest = Math.max(longest, end - start);
    if (longest > stopAbove) break;
    start = end + 1;
  }
  return longest;
}

/** True when highlighting this text stays within the limits. */
export function highlightable(text: string, limits: HighlightLimits = DEFAULT_HIGHLIGHT_LIMITS): boolean {
  return text.length <= limits.maxChars && longestLine(text, limits.maxLineChars) <= limits.maxLineChars;
}

