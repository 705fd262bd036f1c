// The finder sends visitors to websites published by other chatons (crawled, not trusted): a website
// with a line separator, a control character or a backslash is never a Location header (that was a 500),
// and a non-ASCII one is sent percent-encoded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/client.js';
import { redirectTarget } from '../../src/federation/finder.js';

describe('redirectTarget', () => {
  it('keeps http(s) URLs, normalised, and refuses the rest', () => {
    assert.equal(redirectTarget('https://pad.example.org/'), 'https://pad.example.org/');
    assert.equal(redirectTarget('https://pad.example.org/caf\u00e9'), 'https://pad.example.org/caf%C3%A9');
    for (const bad of ['https://pad.example.org/\u2028x', 'https://pad.example.org/\nSet-Cookie: x=1', 'https://pad.example.org/\u0000', 'https:\\\\evil.example', 'javascript:alert(1)', 'ftp://x.example/', 'not a url']) {
      assert.equal(redirectTarget(bad), null, JSON.stringify(bad));
    }
  });
});

for (const backend of backends()) {
  describe(`the finder never redirects to a malformed website (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, config: { directory: { enabled: true } } });
    });
    after(() => server.close());

    async function service(url: string, kind: string, website: string): Promise<void> {
      await server.core.db.insertInto('dir_services').values({
        url, org_url: 'https://org.example/', name: url, description: '', website, kind, software_name: '', software_website: '', license: '',
        registration: 'None', registration_load: '', status_level: '', startdate: '', enddate: '', health: 'up', health_checked_at: Date.now(), crawled_at: Date.now(),
      }).execute();
    }

    it('skips the bad ones and encodes the good ones', async () => {
      await service('https://org.example/s1.properties', 'pad', 'https://pad.example.org/\u2028/evil');
      await service('https://org.example/s2.properties', 'pad', 'https://pad.example.org/\r\nSet-Cookie: a=b');
      const client = new TestClient(server.url);
      const none = await client.get('/find/pad');
      assert.equal(none.status, 404, 'no instance with a usable website');
      await service('https://org.example/s3.properties', 'pad', 'https://p\u00e2te.example.org/chemin');
      for (let i = 0; i < 5; i++) {
        const res = await client.get('/find/pad');
        assert.equal(res.status, 303);
        assert.equal(res.location, 'https://xn--pte-ila.example.org/chemin');
      }
    });
  });
}
