// The offline gazetteer behind "near a town": names found whatever their case, accents, hyphens or
// "St", towns of one name told apart, prefixes suggested (issue 11, item 9).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { placeKey } from '../../src/federation/gazetteer/normalize.js';
import { GazetteerBuilder, type Gazetteer, type Town } from '../../src/federation/gazetteer/gazetteer.js';
import { gazetteer } from '../../src/federation/gazetteer/load.js';
import { nearest } from '../../src/federation/finder.js';
import { regionOf, townLabel } from '../../src/federation/directory/towns.js';

const town = (id: number, name: string, country: string, population: number, lat = 0, lon = 0, admin2 = ''): Town => ({ id, name, country, admin1: '', admin2, population, lat, lon });

describe('gazetteer', () => {
  it('compares names without case, accents, hyphens, apostrophes, and with St/Ste spelt out', () => {
    assert.equal(placeKey('Saint-Denis'), 'saint denis');
    assert.equal(placeKey('ST. DENIS'), 'saint denis');
    assert.equal(placeKey('  st   denis '), 'saint denis');
    assert.equal(placeKey('Sainte-Anne-d’Auray'), placeKey("ste anne d'auray"));
    assert.equal(placeKey('Genève'), 'geneve');
    assert.equal(placeKey('Œuilly'), 'oeuilly');
    assert.equal(placeKey('Montréal'), placeKey('MONTREAL'));
    assert.equal(placeKey('Stenay'), 'stenay', 'only the whole word St is Saint');
    assert.equal(placeKey(' -’ '), '');
  });

  describe('with a few towns', () => {
    let g: Gazetteer;
    before(() => {
      const b = new GazetteerBuilder();
      b.add(town(1, 'Saint-Denis', 'FR', 96128, 48.93, 2.35, '93'));
      b.add(town(2, 'Saint-Denis', 'RE', 137195, -20.88, 55.45));
      b.add(town(3, 'Saint-Denis', 'BE', 1354, 50.49, 4.78));
      b.add(town(4, 'Quimperlé', 'FR', 12000, 47.87, -3.55, '29'));
      b.add(town(5, 'Quimper', 'FR', 63849, 48.0, -4.1, '29'));
      b.add(town(6, 'Brussels', 'BE', 1019022, 50.85, 4.35), ['Bruxelles', 'Brussel', 'BRU']);
      b.add(town(7, 'Saint-Denis-de-Pile', 'FR', 5000));
      b.add(town(8, 'Santo Domingo', 'DO', 2201941), ['Saint-Domingue']);
      g = b.build();
    });

    it('finds every town of one name, the most populous first, or those of a chosen country first', () => {
      assert.deepEqual(g.lookup('st denis').map((t) => t.country), ['RE', 'FR', 'BE']);
      assert.deepEqual(g.lookup('SAINT DENIS', 'FR').map((t) => t.id), [1, 2, 3]);
      assert.deepEqual(g.lookup('Saint-Denis', 'BE').map((t) => t.id), [3, 2, 1]);
      assert.deepEqual(g.lookup('Quimp'), [], 'an exact name only');
      assert.equal(g.town(5)?.name, 'Quimper');
      assert.equal(g.town(99), null);
    });

    it('finds a town by another name in Latin letters, not by an airport code', () => {
      assert.equal(g.lookup('bruxelles')[0]?.name, 'Brussels');
      assert.equal(g.lookup('BRUSSEL')[0]?.id, 6);
      assert.deepEqual(g.lookup('bru'), []);
    });

    it('suggests towns from the first letters, the exact name first, then the most populous, each once', () => {
      assert.deepEqual(g.suggest('quimp', 8).map((t) => t.name), ['Quimper', 'Quimperlé']);
      assert.deepEqual(g.suggest('quimper', 8).map((t) => t.name), ['Quimper', 'Quimperlé']);
      assert.deepEqual(g.suggest('saint denis', 8).map((t) => t.id), [2, 1, 3, 7]);
      assert.deepEqual(g.suggest('saint denis', 2).map((t) => t.id), [2, 1]);
      assert.deepEqual(g.suggest('brux', 8).map((t) => t.id), [6]);
      // A town found by another name comes after those whose own name starts so, however big.
      assert.deepEqual(g.suggest('saint d', 8).map((t) => t.id), [2, 1, 7, 3, 8]);
      assert.deepEqual(g.suggest('saint domingue', 8).map((t) => t.id), [8], 'an exact other name is exact');
      assert.deepEqual(g.suggest('zzz', 8), []);
      assert.deepEqual(g.suggest('', 8), []);
    });

    it('labels towns of one name apart: French département, country', () => {
      assert.equal(townLabel(g.town(1)!, 'fr'), 'Saint-Denis (93), France');
      assert.equal(townLabel(g.town(2)!, 'fr'), 'Saint-Denis, La Réunion');
      assert.equal(townLabel(g.town(3)!, 'en'), 'Saint-Denis, Belgium');
      assert.equal(regionOf(g.town(6)!), '');
    });
  });

  it('loads GeoNames’ towns: small French towns, accented names, other countries', async () => {
    const g = await gazetteer();
    assert.ok(g.size > 150_000, `${g.size} towns`);
    for (const name of ['Douarnenez', 'Landerneau', 'Quimper', 'Rennes']) assert.equal(g.lookup(name)[0]?.country, 'FR', name);
    assert.equal(g.lookup('douarnenez')[0]?.admin2, '29');
    assert.equal(g.suggest('quimp', 8)[0]?.name, 'Quimper');
    assert.equal(g.lookup('liege')[0]?.name, 'Liège');
    assert.equal(g.lookup('bruxelles')[0]?.country, 'BE');
    assert.equal(g.lookup('geneve')[0]?.country, 'CH');
    assert.equal(g.lookup('montreal')[0]?.country, 'CA');
    assert.equal(g.lookup('luxembourg', 'LU')[0]?.country, 'LU');
    const saintDenis = g.lookup('saint-denis');
    assert.ok(saintDenis.length >= 2 && saintDenis.some((t) => t.country === 'FR' && t.admin2 === '93') && saintDenis.some((t) => t.country === 'RE'));
    assert.equal(await gazetteer(), g, 'built once');
  });
});

describe('finder near a town', () => {
  const c = (url: string, lat: number | null, lon: number | null) => ({ url, website: `https://${url}/`, lat, lon });
  it('draws from the nearest working service and those about as near', () => {
    const list = [c('alpes', 45.19, 5.72), c('quimper', 48.0, -4.1), c('brest', 48.39, -4.49), c('nowhere', null, null)];
    assert.deepEqual(nearest(list, { lat: 47.99, lon: -4.1 }).map((x) => x.url), ['quimper']);
    assert.deepEqual(nearest(list, { lat: 48.2, lon: -4.3 }).map((x) => x.url).sort(), ['brest', 'quimper']);
    assert.deepEqual(nearest(list, { lat: 45.2, lon: 5.7 }).map((x) => x.url), ['alpes']);
    assert.deepEqual(nearest([c('a', null, null)], { lat: 0, lon: 0 }).map((x) => x.url), ['a'], 'no position known: all');
  });
});
