import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fr } from '../../src/i18n/fr.js';
import { en } from '../../src/i18n/en.js';
import { translator } from '../../src/i18n/index.js';
import { formatMessage, formatNumber, pluralCategory } from '../../src/i18n/format.js';

const NNBSP = '\u202f';
const PAD = '{n, plural, one {# pad} other {# pads}}';

describe('i18n plurals and numbers', () => {
  it('has no "(s)" plural in either catalogue: every count goes through a plural rule', () => {
    for (const [lang, cat] of [['fr', fr], ['en', en]] as const) {
      const bad = Object.entries(cat).filter(([, v]) => /\w\(s\)|\(e\)s\b/.test(v)).map(([k]) => k);
      assert.deepEqual(bad, [], `${lang}: ${bad.join(', ')}`);
    }
  });

  it('uses French rules: 0 and 1 are singular', () => {
    assert.equal(formatMessage(PAD, { n: 0 }, 'fr'), '0 pad');
    assert.equal(formatMessage(PAD, { n: 1 }, 'fr'), '1 pad');
    assert.equal(formatMessage(PAD, { n: 2 }, 'fr'), '2 pads');
    assert.equal(formatMessage(PAD, { n: 1234 }, 'fr'), `1${NNBSP}234 pads`);
  });

  it('uses English rules: only 1 is singular', () => {
    assert.equal(formatMessage(PAD, { n: 0 }, 'en'), '0 pads');
    assert.equal(formatMessage(PAD, { n: 1 }, 'en'), '1 pad');
    assert.equal(formatMessage(PAD, { n: 2 }, 'en'), '2 pads');
    assert.equal(formatMessage(PAD, { n: 1234 }, 'en'), '1,234 pads');
  });

  it('formats numbers for the language and falls back to "other" for categories a message lacks', () => {
    assert.equal(formatNumber(1234, 'fr'), `1${NNBSP}234`);
    assert.equal(formatNumber(1234, 'en'), '1,234');
    assert.equal(formatMessage('{n, number}', { n: 1234567 }, 'en'), '1,234,567');
    assert.equal(pluralCategory(0, 'fr'), 'one');
    assert.equal(formatMessage(PAD, { n: 1_000_000 }, 'fr'), `1${NNBSP}000${NNBSP}000 pads`);
    assert.equal(formatMessage('{n, plural, =0 {none} one {# pad} other {# pads}}', { n: 0 }, 'en'), 'none');
  });

  it('keeps plain placeholders and leaves unknown or malformed ones as they are', () => {
    assert.equal(formatMessage('{a} and {b}', { a: 1 }, 'en'), '1 and {b}');
    assert.equal(formatMessage('{n, plural, one {# x}', { n: 1 }, 'en'), '{n, plural, one {# x}');
    assert.equal(formatMessage(PAD, { n: 'abc' }, 'en'), PAD);
    assert.equal(formatMessage('{n, plural, one {# {what}} other {# {what}s}}', { n: 2, what: 'pad' }, 'en'), '2 pads');
  });

  it('translates the real counts of the catalogues', () => {
    assert.equal(translator('fr')('directory.list.count', { n: 1 }), '1 chaton trouvé');
    assert.equal(translator('fr')('directory.list.count', { n: 3 }), '3 chatons trouvés');
    assert.equal(translator('en')('directory.list.count', { n: 1 }), '1 chaton found');
    assert.equal(translator('fr')('admin.dashboard.members', { n: 0 }), '0 compte');
    assert.equal(translator('en')('admin.dashboard.members', { n: 0 }), '0 accounts');
    assert.equal(translator('en')('accounts.admin.count', { shown: 1, total: 1234 }), '1 account shown out of 1,234.');
  });

  it('uses the same parameter names, plural or not, in both languages', () => {
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|\s*,)/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) assert.deepEqual(names(en[key]), names(fr[key]), key);
  });

  it('formats every catalogue message without leaving a plural or number placeholder unresolved', () => {
    for (const lang of ['fr', 'en'] as const) {
      const t = translator(lang);
      for (const [key, text] of Object.entries(lang === 'fr' ? fr : en)) {
        const params = Object.fromEntries([...text.matchAll(/\{(\w+)\s*,/g)].map((m) => [m[1], 2]));
        assert.doesNotMatch(t(key as keyof typeof fr, params), /\{\w+\s*,/, `${lang} ${key}`);
      }
    }
  });
});
