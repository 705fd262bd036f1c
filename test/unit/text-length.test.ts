// Lengths of text people write count code points and cut between grapheme clusters (src/i18n/text-length.ts):
// an emoji at the limit stays whole or goes whole, never leaving half of it (a lone surrogate).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codePoints, truncateText } from '../../src/i18n/text-length.js';

const FAMILY = '👩‍👩‍👧'; // 5 code points, 8 UTF-16 units, one grapheme
const FLAG = '🇫🇷'; // 2 code points (regional indicators), 4 UTF-16 units, one grapheme
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('text lengths', () => {
  it('counts code points, not UTF-16 units', () => {
    assert.equal(codePoints('abc'), 3);
    assert.equal(codePoints('😀'), 1);
    assert.equal(codePoints(FAMILY), 5);
    assert.equal(codePoints(FLAG), 2);
  });

  it('keeps text within the limit as it is', () => {
    const text = 'a'.repeat(995) + FAMILY; // 1,000 code points, 1,003 UTF-16 units
    assert.equal(truncateText(text, 1000), text);
  });

  it('drops a whole emoji that does not fit, never half of it', () => {
    for (let before = 990; before <= 1000; before++) {
      const text = 'a'.repeat(before) + '😀' + FAMILY + FLAG + ' fin';
      const cut = truncateText(text, 1000);
      assert.ok(codePoints(cut) <= 1000);
      assert.doesNotMatch(cut, LONE, `no lone surrogate with ${before} letters before`);
      assert.ok(text.startsWith(cut));
      // Every grapheme kept is whole: the cut ends at a boundary of the original text.
      const rest = text.slice(cut.length);
      assert.ok(!/^(?:\u200d|\ufe0f|[\udc00-\udfff])/.test(rest) && !(cut.endsWith('\u{1F1EB}') && rest.startsWith('\u{1F1F7}')), `cut at ${before}`);
    }
    assert.equal(truncateText('a'.repeat(998) + FLAG + 'b', 1000), 'a'.repeat(998) + FLAG);
    assert.equal(truncateText('a'.repeat(999) + FLAG, 1000), 'a'.repeat(999));
    assert.equal(truncateText('a'.repeat(996) + FAMILY, 1000), 'a'.repeat(996));
  });
});
