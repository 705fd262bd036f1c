// Pad export (text, Markdown, HTML) and import (text, Markdown, HTML): formatting survives a round trip,
// HTML is escaped and never carries scripts or dangerous links.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { replaceContent, docToBlocks } from '../../src/modules/pad/document.js';
import { toHtml, toText } from '../../src/modules/pad/export.js';
import { fromHtml, fromText, readHistoryFile } from '../../src/modules/pad/import.js';
import { fromMarkdown, toMarkdown } from '../../src/modules/pad/markdown.js';

function docOf(blocks: ReturnType<typeof fromMarkdown>): Y.Doc {
  const doc = new Y.Doc();
  replaceContent(doc, blocks);
  return doc;
}

const MD = `# Réunion du mardi

Ordre du jour, **important** et *urgent*, ~~annulé~~, voir [le site](https://example.org/a).

- premier point
- second point

1. un
2. deux
`;

describe('pad export and import', () => {
  it('imports Markdown with headings, marks, links and lists, and exports it back', () => {
    const doc = docOf(fromMarkdown(MD));
    const md = toMarkdown(doc);
    assert.match(md, /^# Réunion du mardi$/m);
    assert.match(md, /\*\*important\*\*/);
    assert.match(md, /\*urgent\*/);
    assert.match(md, /~~annulé~~/);
    assert.match(md, /\[le site\]\(https:\/\/example\.org\/a\)/);
    assert.match(md, /^- premier point$/m);
    assert.match(md, /^2\. deux$/m);
    // A second round trip changes nothing.
    assert.equal(toMarkdown(docOf(fromMarkdown(md))), md);
  });

  it('exports plain text and HTML', () => {
    const doc = docOf(fromMarkdown(MD));
    const text = toText(doc);
    assert.match(text, /^Réunion du mardi$/m);
    assert.match(text, /^- second point$/m);
    assert.match(text, /^1\. un$/m);
    const html = toHtml(doc, 'réunion');
    assert.match(html, /<h1>Réunion du mardi<\/h1>/);
    assert.match(html, /<strong>important<\/strong>/);
    assert.match(html, /<a href="https:\/\/example\.org\/a">le site<\/a>/);
    assert.match(html, /<ul><li><p>premier point<\/p><\/li>/);
  });

  it('imports HTML safely: formatting kept, scripts and javascript: links dropped, text escaped on export', () => {
    const blocks = fromHtml('<h2>Titre</h2><p>Du <b>gras</b>, <u>souligné</u> et <a href="javascript:alert(1)">piège</a></p><script>alert(1)</script><ol><li>a</li><li>b</li></ol><p>&lt;img src=x onerror=alert(1)&gt;</p>');
    const doc = docOf(blocks);
    const html = toHtml(doc, 't');
    assert.match(html, /<h2>Titre<\/h2>/);
    assert.match(html, /<strong>gras<\/strong>/);
    assert.match(html, /<u>souligné<\/u>/);
    assert.ok(!html.includes('javascript:'), 'no javascript: link');
    assert.ok(!html.includes('<script'), 'no script');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'text stays text');
    assert.equal(docToBlocks(doc).filter((b) => b.type === 'ordered_list').length, 1);
  });

  it('keeps on import and export only the links the shared allow-list keeps (no //host, /\\host, #fragment)', () => {
    const blocks = fromHtml('<p><a href="//evil.example/">a</a> <a href="/\\evil.example/">b</a> <a href="#x">c</a> <a href="/pad/ok">d</a></p>');
    const html = toHtml(docOf([...blocks, ...fromMarkdown('[e](//evil.example/x) [f](#y) [g](https://example.org/g)')]), 't');
    assert.deepEqual([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]), ['/pad/ok', 'https://example.org/g']);
    assert.match(html, /a b c <a href="\/pad\/ok">d<\/a>/);
  });

  it('imports plain text line by line', () => {
    const doc = docOf(fromText('un\r\ndeux\n\ntrois\n'));
    assert.equal(toText(doc), 'un\ndeux\n\ntrois\n');
  });

  it('reads only our own history files', () => {
    assert.equal(readHistoryFile('{"format":"etherpad"}'), null);
    assert.equal(readHistoryFile('pas du json'), null);
    assert.equal(readHistoryFile('{"format":"chaton-pad","version":1,"updates":[{"data":1}]}'), null);
    const ok = readHistoryFile(JSON.stringify({ format: 'chaton-pad', version: 1, name: 'x', exportedAt: 1, base: null, updates: [{ at: 1, author: 'a', data: 'AAA=' }], authors: [], chat: [] }));
    assert.equal(ok?.updates.length, 1);
  });
});
