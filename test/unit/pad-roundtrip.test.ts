// Property tests: random documents of the pad's schema survive export → import → export unchanged, in
// Markdown and in HTML (what a second export says is what the first one said). fast-check, bounded runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as Y from 'yjs';
import { replaceContent, docToBlocks, type Block, type Run } from '../../src/modules/pad/document.js';
import { toHtml } from '../../src/modules/pad/export.js';
import { fromHtml } from '../../src/modules/pad/import.js';
import { blocksToMarkdown, fromMarkdown } from '../../src/modules/pad/markdown.js';

// Letters, spaces and every character Markdown or HTML gives a meaning to somewhere.
const CHARS = [...'ab é1290', ...'*_`[]#-+.)(<>&!~\\=|:;"\''];
const text = (max: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: max });
const marks = fc.record(
  { strong: fc.constant(true as const), em: fc.constant(true as const), underline: fc.constant(true as const), strike: fc.constant(true as const), code: fc.constant(true as const), link: fc.constantFrom({ href: 'https://example.org/a' }, { href: 'mailto:a@example.org' }, { href: '/pad/b' }) },
  { requiredKeys: [] },
);
// Code is written alone (CommonMark's code spans hold no other formatting; prosemirror-markdown loses
// marks around a code span inside other marks: docs/pad.md, what each format keeps).
const run: fc.Arbitrary<Run> = fc.record({ text: fc.oneof(text(10), fc.constant('\n')), marks }).map((r) => (r.marks.code ? { ...r, marks: { code: true as const } } : r));
// Paragraphs say something (an empty list item among nested lists may join its neighbours: docs/pad.md).
const runs = fc.array(run, { minLength: 1, maxLength: 4 }).filter((rs) => rs.some((r) => r.text.trim() !== ''));

const { block } = fc.letrec<{ block: Block; blocks: Block[] }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('paragraph' as const), runs }),
    fc.record({ type: fc.constant('heading' as const), level: fc.integer({ min: 1, max: 6 }), runs }),
    fc.record({ type: fc.constant('code_block' as const), text: fc.string({ unit: fc.constantFrom(...CHARS, '\n'), maxLength: 20 }) }),
    fc.constant({ type: 'horizontal_rule' as const }),
    fc.record({ type: fc.constant('blockquote' as const), blocks: tie('blocks') }),
    fc.record({ type: fc.constant('bullet_list' as const), items: fc.array(tie('blocks'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('ordered_list' as const), order: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 2030 })), items: fc.array(tie('blocks'), { minLength: 1, maxLength: 3 }) }),
  ),
  blocks: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
}));
const documents = fc.array(block, { minLength: 1, maxLength: 5 });

/** The blocks as the pad holds them (through its Y.Doc, as an import does). */
function stored(blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  replaceContent(doc, blocks);
  return doc;
}

const RUNS = Number(process.env.CHATON_PROPERTY_RUNS ?? 100);
// A fixed seed by default, so that CI gives the same answer for the same code; CHATON_PROPERTY_SEED=random
// (or a number) explores other documents. Known counterexamples found that way are in docs/pad.md.
const SEED_ENV = process.env.CHATON_PROPERTY_SEED ?? '20261201';
const SEED = SEED_ENV === 'random' ? undefined : Number(SEED_ENV);

describe('pad export → import → export is stable', () => {
  it('in Markdown', () => {
    fc.assert(
      fc.property(documents, (blocks) => {
        const first = blocksToMarkdown(docToBlocks(stored(blocks)));
        const second = blocksToMarkdown(docToBlocks(stored(fromMarkdown(first))));
        assert.equal(second, first);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });

  it('in HTML', () => {
    fc.assert(
      fc.property(documents, (blocks) => {
        const first = toHtml(stored(blocks), 'p');
        const second = toHtml(stored(fromHtml(first)), 'p');
        assert.equal(second, first);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
