// The nesting bounds read before parsing: an upper bound of Markdown's nesting from its source, and the
// depth of a tree without recursion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markdownNesting, markdownTooDeep, treeDepth } from '../../src/server/nesting.js';

describe('markdownNesting', () => {
  it('counts quote and list markers and indentation as an upper bound of block nesting', () => {
    assert.equal(markdownNesting('texte').blocks, 0);
    assert.equal(markdownNesting('> > > x').blocks, 3);
    assert.equal(markdownNesting('>>>>x').blocks, 4);
    assert.equal(markdownNesting('- a\n  - b\n    - c').blocks, 3);
    assert.equal(markdownNesting('1. a\n   > b').blocks, 2);
    assert.equal(markdownNesting('- '.repeat(2000) + 'x').blocks, 2000);
  });

  it('ignores fenced code, whose lines nest nothing', () => {
    assert.equal(markdownNesting('```\n' + '> '.repeat(500) + '\n```\nfin').blocks, 0);
    assert.equal(markdownNesting('~~~~\n```\n> > x\n~~~~\n> y').blocks, 1);
  });

  it('bounds emphasis by paragraph and list item, not over the whole text', () => {
    assert.equal(markdownNesting('***a*** **b**').inline, 5);
    const items = Array.from({ length: 2000 }, (_, i) => `- **${i}**`).join('\n');
    assert.equal(markdownNesting(items).inline, 2);
    const paragraphs = Array.from({ length: 2000 }, (_, i) => `**${i}**`).join('\n\n');
    assert.equal(markdownTooDeep(paragraphs, 100), false);
    assert.equal(markdownTooDeep('*'.repeat(3000) + 'x' + '*'.repeat(3000), 100), true);
  });
});

describe('treeDepth', () => {
  it('measures a tree deeper than the stack allows, and stops early past a bound', () => {
    type Node = { children: Node[] };
    const root: Node = { children: [] };
    let n = root;
    for (let i = 0; i < 200_000; i++) {
      const c: Node = { children: [] };
      n.children.push(c);
      n = c;
    }
    assert.equal(treeDepth(root, (x) => x.children), 200_001);
    assert.equal(treeDepth(root, (x) => x.children, 10), 11);
    assert.equal(treeDepth({ children: [{ children: [] }, { children: [{ children: [] }] }] }, (x: Node) => x.children), 3);
  });
});
