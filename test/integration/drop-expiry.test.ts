// Drop's lifetimes (issue 12, item 9): from 5 minutes up to the configured maximum, as Firefox Send and
// PrivateBin offer them; the API accepts exactly what the send page offers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { expiryChoices } from '../../src/modules/drop/expiry.js';
import { bytes, create, seal } from './drop-support.js';

describe('Drop expiry choices', () => {
  it('go from 5 minutes to the maximum, the maximum included', () => {
    assert.deepEqual(expiryChoices(24 * 30), [300, 3600, 86400, 7 * 86400, 30 * 86400]);
    assert.deepEqual(expiryChoices(24 * 365), [300, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400]);
    assert.deepEqual(expiryChoices(48), [300, 3600, 86400, 2 * 86400]);
    assert.deepEqual(expiryChoices(1), [300, 3600]);
  });

  describe('on a chaton allowing 48 hours', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ modules: [drop], config: { drop: { max_expiry_hours: 48 } } });
    });
    after(async () => {
      await server.close();
    });

    it('the send page offers 5 minutes, 1 hour, 1 day and 2 days, 1 day selected', async () => {
      const html = await (await fetch(`${server.url}/drop/`)).text();
      const select = /<select id="drop-expiry"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
      const options = [...select.matchAll(/<option value="(\d+)"( selected)?[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[3], !!m[2]]);
      assert.deepEqual(options, [
        ['300', '5 minutes', false],
        ['3600', '1 heure', false],
        ['86400', '1 jour', true],
        ['172800', '2 jours', false],
      ]);
      const en = await (await fetch(`${server.url}/drop/`, { headers: { 'accept-language': 'en' } })).text();
      assert.match(en, />5 minutes<\/option>.*>1 hour<\/option>.*>1 day<\/option>.*>2 days<\/option>/s);
    });

    it('the API accepts exactly the offered lifetimes', async () => {
      const s = await seal([{ name: 'a.txt', type: 'text/plain', data: bytes(10) }]);
      for (const seconds of [300, 3600, 86400, 172800]) assert.equal((await create(server.url, s, { expiresIn: seconds })).status, 201, String(seconds));
      for (const seconds of [60, 299, 301, 7200, 7 * 86400, 172801]) {
        const res = await create(server.url, s, { expiresIn: seconds });
        assert.equal(res.status, 400, String(seconds));
        assert.equal(((await res.json()) as { error: string }).error, 'drop.error.badRequest');
      }
    });
  });
});
