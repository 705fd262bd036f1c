// Drop's download limit through the README's nginx configuration (Debian's nginx-light, started here on
// a free port with that configuration: TLS and the real domain replaced by plain HTTP on 127.0.0.1).
// Behind a proxy the server finishes sending long before the recipient has every byte, so only the
// browser's confirmation tells a complete download from a cut one. Skipped when nginx is absent,
// except in CI (.ci/run installs it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { nginxSkip, startNginx, type Nginx } from '../helpers/nginx.js';
import { drop } from '../../src/modules/drop/index.js';
import { bytes, owner, share } from './drop-support.js';
import { confirm, curl, fetchUntil } from './drop-download-support.js';

const MiB = 1024 * 1024;

describe('drop download limits through the README’s nginx', { skip: nginxSkip() }, () => {
  let server: TestServer;
  let nginx: Nginx;
  let base: string;
  before(async () => {
    server = await startTestServer({ modules: [drop], config: { trust_proxy: true, drop: { chunk_bytes: MiB, max_file_bytes: 32 * MiB, max_total_bytes: 256 * MiB } } });
    nginx = await startNginx(server.url);
    base = nginx.url;
  });
  after(async () => {
    await nginx?.close();
    await server?.close();
  });

  const data = (id: string) => `${base}/drop/api/shares/${id}/data`;
  const info = (id: string) => fetch(`${base}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } });

  it('counts every complete curl download through the proxy, and never more than the limit', async () => {
    const { c, s } = await share(base, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 11) }], { downloads: 3 });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await curl(data(c.id)));
    assert.deepEqual(results.slice(0, 3), Array.from({ length: 3 }, () => ({ status: 200, size: s.bodies[0]!.length })), JSON.stringify(results));
    assert.ok(results.slice(3).every((r) => r.status === 404), JSON.stringify(results));
  });

  it('counts a browser download once, on its confirmation, and a cut one resumes without using up the last slot', async () => {
    const { c, s } = await share(base, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 12) }], { downloads: 2 });
    const body = s.bodies[0]!;
    // A complete download: not counted before the browser confirms, counted once after.
    const whole = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' });
    assert.deepEqual(new Uint8Array(whole.body), body);
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 0);
    assert.equal((await confirm(base, c.id, whole.ticket!)).counted, true);
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 1);
    // The last slot: cut 2 MB before the end (the server has long sent everything to nginx).
    const cut = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' }, body.length - 2 * MiB);
    assert.equal(cut.status, 200);
    assert.equal((await info(c.id)).status, 404, 'the slot is held for the recipient');
    assert.equal(((await (await owner(base, c, '/owner')).json()) as { downloads: number }).downloads, 1, 'not counted');
    const rest = await fetchUntil(data(c.id), { 'x-drop-confirm': '1', 'x-drop-ticket': cut.ticket!, range: `bytes=${cut.body.length}-` });
    assert.equal(rest.status, 206);
    assert.deepEqual(new Uint8Array(Buffer.concat([cut.body, rest.body])), body);
    assert.equal((await confirm(base, c.id, cut.ticket!)).counted, true);
    assert.equal((await info(c.id)).status, 404);
  });

  it('HEAD through the proxy reserves nothing', async () => {
    const { c } = await share(base, [{ name: 'a', type: '', data: bytes(1000, 13) }], { downloads: 1 });
    for (let i = 0; i < 3; i++) assert.equal((await fetch(data(c.id), { method: 'HEAD' })).status, 200);
    assert.equal((await info(c.id)).status, 200);
  });
});
