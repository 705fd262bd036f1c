import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csv } from '../../src/federation/directory/export.js';
import { parseFilters, filtersQuery, distanceKm } from '../../src/federation/directory/filters.js';
import { kindOf } from '../../src/federation/kinds.js';
import { AppError } from '../../src/server/errors.js';
import type { Organization, Service } from '../../src/federation/directory/query.js';

const org = (over: Partial<Organization>): Organization => ({
  url: 'https://a.example/o.properties', slug: 'a', name: 'A', description: '', type: 'INFORMAL', status_level: '', memberof_level: 'ACTIVE', memberof_startdate: '',
  startdate: '', enddate: '', website: '', logo: '', contact_email: '', contact_url: '', country_code: 'FR', country_name: '', latitude: 1.5, longitude: 2,
  address: '', funding: '{}', socials: '{}', search: '', crawled_at: 0, problems: 0, ...over,
});
const service = (over: Partial<Service>): Service => ({
  url: 'https://a.example/s.properties', org_url: 'https://a.example/o.properties', name: 'Pad', description: '', website: 'https://pad.example/', kind: 'pad',
  software_name: 'Etherpad', software_website: '', license: '', registration: 'None', registration_load: '', status_level: 'ON', startdate: '', enddate: '',
  health: 'up', health_checked_at: 1, crawled_at: 0, ...over,
});

describe('directory exports and filters', () => {
  it('writes CSV with quoting, and defuses spreadsheet formulas', () => {
    const text = csv([{ org: org({ name: 'Chaton, "le vrai"' }), services: [service({ name: '=HYPERLINK("http://evil")' })] }, { org: org({ name: 'Sans service', slug: 'b' }), services: [] }]);
    const lines = text.split('\r\n');
    assert.equal(lines[1], `"Chaton, ""le vrai""",a,FR,INFORMAL,active,1.5,2,,"'=HYPERLINK(""http://evil"")",pad,Etherpad,None,https://pad.example/,up`);
    assert.equal(lines[2], 'Sans service,b,FR,INFORMAL,active,1.5,2,,,,,,,');
  });

  it('reads the filters of the query string, ignoring unknown values', () => {
    const f = parseFilters({ q: ' pad ', kind: 'PAD', conditions: ['none', 'bogus', 'paid'], country: 'fr', status: 'asleep', page: '-3' });
    assert.deepEqual([f.q, f.kind, f.conditions, f.country, f.status, f.page], ['pad', 'pad', ['none', 'paid'], 'FR', '', 1]);
    assert.equal(filtersQuery(f, { page: 2 }), '?q=pad&kind=pad&conditions=none&conditions=paid&country=FR&page=2');
    assert.throws(() => parseFilters({ lat: '91', lon: '0' }), (e: unknown) => e instanceof AppError && e.statusCode === 400);
    assert.equal(parseFilters({ lat: '48,4', lon: '' }).lat, null, 'a position needs both coordinates');
  });

  it('measures distances between chatons', () => {
    assert.equal(Math.round(distanceKm(47.996, -4.102, 48.39, -4.49)), 52);
  });

  it('tells the kind of a service from its software or its name', () => {
    assert.equal(kindOf('Etherpad', 'x'), 'pad');
    assert.equal(kindOf('HedgeDoc', ''), 'pad');
    assert.equal(kindOf('PrivateBin', ''), 'paste');
    assert.equal(kindOf('', 'Sondages'), 'poll');
    assert.equal(kindOf('Jitsi Meet', ''), 'visio');
    assert.equal(kindOf('Bidule', 'Truc'), 'other');
    // What this software publishes for its own modules.
    assert.equal(kindOf('chaton pad', 'Pad'), 'pad');
    assert.equal(kindOf('chaton paste (PrivateBin API v2)', 'Partage de texte'), 'paste');
    assert.equal(kindOf('chaton drop', 'Partage de fichiers'), 'drop');
  });
});
