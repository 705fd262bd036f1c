// The charter sanitizer: Markdown renders, and nothing in a charter can run script, restyle the page,
// frame another site or load an image from elsewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderCharterHtml } from '../../src/portal/charters/store.js';

describe('renderCharterHtml', () => {
  it('renders Markdown, and keeps the page’s <h1> its only one', () => {
    const html = renderCharterHtml('# Nos engagements\n\n- **Logiciels libres**\n- [CHATONS](https://www.chatons.org)\n\n## Durée');
    assert.match(html, /<h2>Nos engagements<\/h2>/);
    assert.match(html, /<h3>Durée<\/h3>/);
    assert.match(html, /<li><strong>Logiciels libres<\/strong><\/li>/);
    assert.doesNotMatch(html, /<h1/);
  });

  it('starts the headings at <h2> (or the level asked for) without skipping a level', () => {
    assert.equal(renderCharterHtml('## Un\n\n### Deux').replace(/\n/g, ''), '<h2>Un</h2><h3>Deux</h3>');
    assert.equal(renderCharterHtml('## Un\n\n### Deux', 3).replace(/\n/g, ''), '<h3>Un</h3><h4>Deux</h4>');
    assert.equal(renderCharterHtml('##### Cinq\n\n###### Six', 2).replace(/\n/g, ''), '<h2>Cinq</h2><h3>Six</h3>');
  });

  it('drops scripts, with their content', () => {
    const html = renderCharterHtml('Bonjour <script>alert("x")</script> à tous\n\n<script src="/evil.js"></script>');
    assert.doesNotMatch(html, /<script|alert/i);
    assert.match(html, /Bonjour/);
  });

  it('drops event handlers, style attributes, style elements, iframes, forms and objects', () => {
    const html = renderCharterHtml(
      '<p onclick="steal()" style="color:red">texte</p>\n\n<img src="/assets/logo.png" onerror="alert(1)">\n\n<style>body{display:none}</style><iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input name="pw"></form><object data="x.swf"></object><svg onload="alert(1)"></svg>',
    );
    assert.doesNotMatch(html, /onclick|onerror|onload|style|iframe|<form|<input|<object|<svg|alert|steal/i);
    assert.match(html, /texte/);
    assert.match(html, /<img src="\/assets\/logo.png" \/>/);
  });

  it('refuses javascript: and data: links, and marks every link noopener noreferrer nofollow', () => {
    const html = renderCharterHtml('[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.org) <a href="/x" rel="opener" target="_blank">d</a> [e](mailto:contact@example.org)');
    assert.doesNotMatch(html, /javascript:|data:|target=|"opener"/);
    assert.equal(html.match(/rel="noopener noreferrer nofollow"/g)?.length, 5);
    assert.match(html, /href="https:\/\/example.org"/);
    assert.match(html, /href="\/x"/);
    assert.match(html, /href="mailto:contact@example.org"/);
  });

  it('keeps images only from this site or inline', () => {
    const html = renderCharterHtml('![ici](/assets/logo.png) ![ailleurs](https://tracker.example/pixel.gif) ![relatif](//tracker.example/p.gif) ![inline](data:image/png;base64,iVBORw0KGgo=) ![html](data:text/html;base64,PHNjcmlwdD4=)');
    assert.match(html, /src="\/assets\/logo.png"/);
    assert.match(html, /src="data:image\/png;base64,iVBORw0KGgo="/);
    assert.doesNotMatch(html, /tracker|text\/html/);
    assert.equal(html.match(/<img/g)?.length, 2);
  });

  it('keeps no id, name or form attribute and no form field that could stand in for the page’s own', () => {
    const html = renderCharterHtml(
      '<p id="paste-comment" name="x" form="f" class="big">a</p>\n\n<textarea id="comment">b</textarea><input id="nick" value="c"><button form="f">d</button><select name="s"><option>e</option></select>',
    );
    assert.doesNotMatch(html, /\b(id|name|form|class|value)=|<textarea|<input|<button|<select|<option/i);
    assert.match(html, /<p>a<\/p>/);
  });

  it('replaces a refused image by its alternative text, and drops #fragment and relative links', () => {
    const html = renderCharterHtml('![le pixel](https://tracker.example/p.gif) [ancre](#paste-comment) [relatif](page.html)');
    assert.doesNotMatch(html, /<img|tracker|href=/);
    assert.match(html, /le pixel/);
  });

  it('shows a task list’s boxes as text, not as form fields', () => {
    const html = renderCharterHtml('- [x] fait\n- [ ] à faire');
    assert.doesNotMatch(html, /<input/);
    assert.match(html, /☑ fait/);
    assert.match(html, /☐ à faire/);
  });

  it('escapes code and keeps tables', () => {
    const html = renderCharterHtml('`<b>gras</b>`\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.match(html, /<code>&lt;b&gt;gras&lt;\/b&gt;<\/code>/);
    assert.match(html, /<table>[\s\S]*<td>2<\/td>/);
  });
});
