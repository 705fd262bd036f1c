// Drop's download limit, as recipients and strangers use it: HEAD takes nothing; every complete download
// counts once (curl: when the last byte is sent; the browser: when it confirms what it decrypted); a
// download cut before its end never takes the last slot for good (resumed with its ticket, or its slot
// back after drop.download_confirm_minutes). The same through the README's nginx: drop-nginx.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { purgeShares } from '../../src/modules/drop/jobs.js';
import { MAX_TICKET_USES } from '../../src/modules/drop/downloads.js';
import { dropDb } from '../../src/modules/drop/store.js';
import { bytes, owner, share } from './drop-support.js';
import { confirm, curl, fetchUntil } from './drop-download-support.js';

const MiB = 1024 * 1024;

for (const backend of backends()) {
  describe(`drop download limits (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [drop], config: { drop: { chunk_bytes: MiB, max_file_bytes: 32 * MiB, max_total_bytes: 256 * MiB } } });
    });
    after(() => server.close());

    const data = (id: string) => `${server.url}/drop/api/shares/${id}/data`;
    const info = async (id: string) => fetch(`${server.url}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } });
    const left = async (c: Parameters<typeof owner>[1]) => ((await (await owner(server.url, c, '/owner')).json()) as { downloads: number; downloadsLeft: number });

    it('HEAD on the data URL reserves nothing', async () => {
      const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data: bytes(100_000, 1) }], { downloads: 1 });
      for (let i = 0; i < 3; i++) {
        const head = await fetch(data(c.id), { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(head.headers.get('content-length'), String(s.bodies[0]!.length));
      }
      assert.equal((await info(c.id)).status, 200, 'still available after HEAD');
      assert.deepEqual(await curl(data(c.id)), { status: 200, size: s.bodies[0]!.length });
      assert.equal((await fetch(data(c.id), { method: 'HEAD' })).status, 404);
    });

    it('counts every complete curl download: a 3-download share is downloaded 3 times, never more', async () => {
      const { c, s } = await share(server.url, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 2) }], { downloads: 3 });
      const results = [];
      for (let i = 0; i < 10; i++) results.push(await curl(data(c.id)));
      assert.deepEqual(results.filter((r) => r.status === 200), Array.from({ length: 3 }, () => ({ status: 200, size: s.bodies[0]!.length })), JSON.stringify(results));
      assert.ok(results.slice(3).every((r) => r.status === 404), JSON.stringify(results));
    });

    it('answers a Range request without a ticket in full, counted once', async () => {
      const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data: bytes(200_000, 7) }], { downloads: 2 });
      const size = s.bodies[0]!.length;
      assert.deepEqual(await curl(data(c.id), ['-r', '1000-']), { status: 200, size });
      // Counted just after the connection closes.
      let counted = 0;
      for (let i = 0; i < 100 && counted !== 1; i++) {
        counted = (await left(c)).downloads;
        if (counted !== 1) await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(counted, 1);
      assert.deepEqual(await curl(data(c.id), ['-r', '0-99']), { status: 200, size });
      assert.equal((await curl(data(c.id))).status, 404);
    });

    it('counts a browser download once, when the browser confirms it', async () => {
      const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data: bytes(300_000, 3) }], { downloads: 2 });
      const got = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' });
      assert.equal(got.status, 200);
      assert.deepEqual(new Uint8Array(got.body), s.bodies[0]);
      assert.equal((await left(c)).downloads, 0, 'not counted before the confirmation');
      assert.deepEqual(await confirm(server.url, c.id, got.ticket!), { status: 200, counted: true });
      assert.deepEqual(await confirm(server.url, c.id, got.ticket!), { status: 200, counted: false }, 'a second confirmation does not count');
      const now = await left(c);
      assert.deepEqual([now.downloads, now.downloadsLeft], [1, 1]);
      // The second and last download: confirmed, the share is gone with its blobs.
      const last = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' });
      assert.equal((await confirm(server.url, c.id, last.ticket!)).counted, true);
      assert.equal((await info(c.id)).status, 404);
      assert.deepEqual(await server.core.blobs.list(`drop/${c.id}/`), []);
    });

    it('a download cut 2 MB before the end of 21 MB does not use up the last slot: it resumes under its ticket', async () => {
      const { c, s } = await share(server.url, [{ name: 'film.mp4', type: '', data: bytes(21 * MiB, 4) }], { downloads: 1 });
      const body = s.bodies[0]!;
      const cut = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' }, body.length - 2 * MiB);
      assert.equal(cut.status, 200);
      assert.equal(cut.body.length, body.length - 2 * MiB);
      // Nobody else may take the slot meanwhile; the share is still there.
      assert.equal((await curl(data(c.id))).status, 404);
      assert.equal((await left(c)).downloads, 0);
      // The browser resumes from where it stopped, with the same ticket, and gets exactly the rest.
      const rest = await fetchUntil(data(c.id), { 'x-drop-confirm': '1', 'x-drop-ticket': cut.ticket!, range: `bytes=${cut.body.length}-` });
      assert.equal(rest.status, 206);
      assert.deepEqual(new Uint8Array(Buffer.concat([cut.body, rest.body])), body);
      assert.equal((await confirm(server.url, c.id, cut.ticket!)).counted, true);
      assert.equal((await info(c.id)).status, 404);
    });

    it('gives the slot of an unconfirmed download back after drop.download_confirm_minutes', async () => {
      const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data: bytes(3 * MiB, 5) }], { downloads: 1 });
      const cut = await fetchUntil(data(c.id), { 'x-drop-confirm': '1' }, MiB);
      assert.equal(cut.status, 200);
      assert.equal((await info(c.id)).status, 404, 'the slot is held for the recipient');
      // The server notices the cut a moment later: from then on, the slot waits for a retry or a confirmation.
      const idle = async () => (await dropDb(server.core).selectFrom('drop_downloads').select('idle_since').where('id', '=', cut.ticket!).executeTakeFirst())?.idle_since;
      for (let i = 0; i < 100 && !(await idle()); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(await idle());
      await purgeShares(server.core, Date.now() + 14 * 60_000);
      assert.equal((await info(c.id)).status, 404, 'held for 15 minutes');
      await purgeShares(server.core, Date.now() + 16 * 60_000);
      assert.equal((await info(c.id)).status, 200, 'then given back');
      assert.deepEqual(await curl(data(c.id)), { status: 200, size: s.bodies[0]!.length });
      // A worn-out ticket takes no further responses without a slot of its own.
      const again = await share(server.url, [{ name: 'b.bin', type: '', data: bytes(1000, 6) }], { downloads: 1 });
      const first = await fetchUntil(data(again.c.id), { 'x-drop-confirm': '1' });
      for (let i = 1; i < MAX_TICKET_USES; i++) assert.equal((await fetchUntil(data(again.c.id), { 'x-drop-confirm': '1', 'x-drop-ticket': first.ticket! })).status, 200);
      assert.equal((await fetchUntil(data(again.c.id), { 'x-drop-confirm': '1', 'x-drop-ticket': first.ticket! })).status, 404);
    });

    it('answers an unknown ticket or share on confirmation with a translated 404', async () => {
      const res = await fetch(`${server.url}/drop/api/shares/nope/confirm`, { method: 'POST', headers: { accept: 'application/json', 'accept-language': 'en', 'x-drop-ticket': 'x' } });
      assert.equal(res.status, 404);
      assert.match(((await res.json()) as { message: string }).message, /does not exist/);
    });
  });
}
