// The word-level diff of charter versions and its rendering with <ins>/<del>.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DiffView, wordDiff } from '../../src/portal/charters/diff.js';

const render = (from: string, to: string) => renderToString(h(DiffView, { parts: wordDiff(from, to), label: 'Différences' }));

describe('charter diff', () => {
  it('marks a changed word as removed then added, and keeps the rest as is', () => {
    assert.deepEqual(wordDiff('Nous gardons vos données 30 jours.', 'Nous gardons vos données 60 jours.'), [
      { kind: 'same', text: 'Nous gardons vos données ' },
      { kind: 'del', text: '30' },
      { kind: 'ins', text: '60' },
      { kind: 'same', text: ' jours.' },
    ]);
  });

  it('renders inside .diff with <ins> and <del>', () => {
    const html = render('Pas de publicité.', 'Pas de publicité ni de pistage.');
    assert.match(html, /^<div class="diff"[^>]*aria-label="Différences"/);
    assert.match(html, /<ins>[^<]*pistage[^<]*<\/ins>/);
    const removed = render('Logiciels libres et gratuits.', 'Logiciels libres.');
    assert.match(removed, /<del>[^<]*gratuits[^<]*<\/del>/);
  });

  it('escapes the Markdown source, so that a diff cannot inject markup', () => {
    const html = render('Texte', 'Texte <script>alert(1)</script> <img src=x onerror=alert(1)>');
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /&lt;script>/);
  });

  it('keeps line breaks of the source (the .diff block is pre-wrap)', () => {
    const html = render('## Titre\n\n- un\n- deux', '## Titre\n\n- un\n- trois');
    assert.match(html, /- un\n- <del>deux<\/del><ins>trois<\/ins>/);
  });

  it('gives no change for identical texts, and everything added from nothing', () => {
    assert.deepEqual(wordDiff('même texte', 'même texte'), [{ kind: 'same', text: 'même texte' }]);
    assert.deepEqual(wordDiff('', 'nouveau'), [{ kind: 'ins', text: 'nouveau' }]);
  });
});
