// Issue 12, items 1 and 2: numbered lists keep their numbers through import, storage and every export, and
// the Markdown export means what the pad shows (CommonMark's escaping, marks that read back as marks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { FRAGMENT, docToBlocks, replaceContent, type Block } from '../../src/modules/pad/document.js';
import { toHtml, toText } from '../../src/modules/pad/export.js';
import { fromHtml } from '../../src/modules/pad/import.js';
import { blocksToMarkdown, fromMarkdown, toMarkdown } from '../../src/modules/pad/markdown.js';

function docOf(blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  replaceContent(doc, blocks);
  return doc;
}
const body = (doc: Y.Doc) => toHtml(doc, 't').replace(/^[\s\S]*<body>\n|\n<\/body>[\s\S]*$/g, '');

describe('numbered lists keep their numbers', () => {
  it('imports Markdown "4. Fourth" after a paragraph as 4, and exports it as 4 everywhere', () => {
    const doc = docOf(fromMarkdown('Intro\n\n4. Fourth\n5. Fifth\n'));
    assert.equal(toMarkdown(doc), 'Intro\n\n4. Fourth\n5. Fifth\n');
    assert.equal(toText(doc), 'Intro\n4. Fourth\n5. Fifth\n');
    assert.equal(body(doc), '<p>Intro</p>\n<ol start="4"><li><p>Fourth</p></li><li><p>Fifth</p></li></ol>');
  });

  it('imports HTML <ol start="7"> from 7', () => {
    const doc = docOf(fromHtml('<ol start="7"><li>sept</li><li>huit</li></ol>'));
    assert.equal(toText(doc), '7. sept\n8. huit\n');
    assert.match(toMarkdown(doc), /^7\. sept\n8\. huit\n$/);
    assert.match(body(doc), /<ol start="7">/);
  });

  it('keeps a numbered item, a bullet, then "2." as 1, a bullet and 2', () => {
    const doc = docOf(fromMarkdown('1. un\n\n- puce\n\n2. deux\n'));
    assert.equal(toText(doc), '1. un\n- puce\n2. deux\n');
    assert.equal(toMarkdown(doc), '1. un\n\n- puce\n\n2. deux\n');
    assert.equal(body(doc), '<ol><li><p>un</p></li></ol>\n<ul><li><p>puce</p></li></ul>\n<ol start="2"><li><p>deux</p></li></ol>');
  });

  it('stores the number as the editor does (its order attribute), and opens old pads without it from 1', () => {
    const doc = docOf(fromHtml('<ol start="7"><li>sept</li></ol>'));
    const list = doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement;
    assert.equal(list.getAttribute('order'), 7 as unknown as string);
    // A pad stored before lists had a number: an ordered_list element without the attribute.
    const old = new Y.Doc();
    const ol = new Y.XmlElement('ordered_list');
    const li = new Y.XmlElement('list_item');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('ancien')]);
    li.insert(0, [p]);
    ol.insert(0, [li]);
    old.getXmlFragment(FRAGMENT).insert(0, [ol]);
    assert.deepEqual(docToBlocks(old), [{ type: 'ordered_list', order: 1, items: [[{ type: 'paragraph', runs: [{ text: 'ancien', marks: {} }] }]] }]);
    assert.equal(toText(old), '1. ancien\n');
  });
});

describe('the Markdown export means what the pad shows', () => {
  const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text, marks: {} }] });

  it('escapes a paragraph starting with "- " or "2024. ", which come back as paragraphs', () => {
    for (const text of ['- pas une liste', '2024. Une année record', '+ plus', '# pas un titre', '3) trois']) {
      const md = blocksToMarkdown([para(text)]);
      assert.deepEqual(fromMarkdown(md), [para(text)], md);
    }
    assert.equal(blocksToMarkdown([para('2024. Une année record')]), '2024\\. Une année record\n');
  });

  it('writes bold with a trailing space as bold followed by a space', () => {
    const blocks: Block[] = [{ type: 'paragraph', runs: [{ text: 'Clé : ', marks: { strong: true } }, { text: 'valeur', marks: {} }] }];
    const md = blocksToMarkdown(blocks);
    assert.equal(md, '**Clé :** valeur\n');
    assert.deepEqual(fromMarkdown(md), [{ type: 'paragraph', runs: [{ text: 'Clé :', marks: { strong: true } }, { text: ' valeur', marks: {} }] }]);
  });

  it('keeps a backtick inside inline code', () => {
    const blocks: Block[] = [{ type: 'paragraph', runs: [{ text: 'a`b', marks: { code: true } }] }];
    const md = blocksToMarkdown(blocks);
    assert.deepEqual(fromMarkdown(md), blocks, md);
  });

  it('keeps underline and strike', () => {
    const blocks: Block[] = [{ type: 'paragraph', runs: [{ text: 'sous', marks: { underline: true } }, { text: ' et ', marks: {} }, { text: 'barré', marks: { strike: true } }] }];
    assert.equal(blocksToMarkdown(blocks), '<u>sous</u> et ~~barré~~\n');
    assert.deepEqual(fromMarkdown(blocksToMarkdown(blocks)), blocks);
  });
});
