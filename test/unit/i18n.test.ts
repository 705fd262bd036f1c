import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fr } from '../../src/i18n/fr.js';
import { en } from '../../src/i18n/en.js';
import { pickLang, translator, interpolate } from '../../src/i18n/index.js';

describe('i18n', () => {
  it('has the same keys in French and English, none empty', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
    for (const [k, v] of [...Object.entries(fr), ...Object.entries(en)]) assert.ok(v.trim().length > 0, k);
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(en[key]), names(fr[key]), key);
    }
  });

  it('addresses people as « vous » in French, never « tu » (e-mail texts included)', () => {
    const tutoiement = /(^|[^\p{L}’'])(tu|toi|te|ton|ta|tes|tien|tienne|t’\p{L}+)(?=$|[^\p{L}’'])/iu;
    for (const [k, v] of Object.entries(fr)) assert.doesNotMatch(v, tutoiement, k);
  });

  it('prefers the remembered choice, then Accept-Language, then French', () => {
    assert.equal(pickLang('en', 'fr-FR'), 'en');
    assert.equal(pickLang(undefined, 'de-DE,en;q=0.8,fr;q=0.5'), 'en');
    assert.equal(pickLang(undefined, 'en;q=0.2, fr-CA;q=0.9'), 'fr');
    assert.equal(pickLang(undefined, 'de, es'), 'fr');
    assert.equal(pickLang('xx', undefined), 'fr');
    assert.equal(pickLang(undefined, 'en;q=0'), 'fr');
  });

  it('translates and fills placeholders', () => {
    assert.equal(translator('en')('error.status', { status: 404 }), 'Error 404');
    assert.equal(translator('fr')('opening.public'), 'Sans inscription');
    assert.equal(interpolate('{a} and {b}', { a: 1 }), '1 and {b}');
  });
});
