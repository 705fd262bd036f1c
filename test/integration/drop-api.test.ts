// Drop end to end through its API, on each database and on both blob stores (disk and S3): what a
// sender and a receiver rely on, what the server must refuse, and the download limit under concurrency.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { logIn, makeMember } from '../helpers/login.js';
import { drop } from '../../src/modules/drop/index.js';
import { blobBackends, bytes, create, owner, putChunk, receive, seal, share, startS3, type Created, type S3Server } from './drop-support.js';

const CHUNK = 65536;

for (const backend of backends()) {
  for (const blobs of blobBackends) {
    describe(`drop API (${backend}, ${blobs})`, () => {
      let server: TestServer;
      let s3: S3Server | undefined;
      before(async () => {
        s3 = blobs === 's3' ? await startS3() : undefined;
        server = await startTestServer({
          backend,
          modules: [drop],
          config: { drop: { chunk_bytes: CHUNK, max_file_bytes: 1024 * 1024, max_total_bytes: 4 * 1024 * 1024 }, ...(s3 ? { blobs: s3.config } : {}) },
        });
      });
      after(async () => {
        await server.close();
        await s3?.close();
      });

      it('shares two files: the receiver gets the same bytes and names; the server never sees them', async () => {
        const a = bytes(200_000, 1);
        const b = bytes(10, 2);
        const { c, s } = await share(server.url, [{ name: 'photo de vacances.jpg', type: 'image/jpeg', data: a }, { name: 'note.txt', type: 'text/plain', data: b }], { downloads: 3 });
        const got = await receive(server.url, c.id, s.secret);
        assert.deepEqual(got.manifest.files.map((f) => [f.name, f.size, f.type]), [['photo de vacances.jpg', 200_000, 'image/jpeg'], ['note.txt', 10, 'text/plain']]);
        assert.deepEqual(got.files[0], a);
        assert.deepEqual(got.files[1], b);
        // Chunks are blobs drop/<id>/<file>/<n>; nothing stored holds a name or the plaintext.
        const keys = await server.core.blobs.list(`drop/${c.id}/`);
        assert.deepEqual(keys, ['drop/' + c.id + '/0/0', 'drop/' + c.id + '/0/1', 'drop/' + c.id + '/0/2', 'drop/' + c.id + '/0/3', 'drop/' + c.id + '/1/0']);
        const row = await server.core.db.withTables<{ drop_shares: { id: string; manifest: string } }>().selectFrom('drop_shares').select('manifest').where('id', '=', c.id).executeTakeFirstOrThrow();
        assert.doesNotMatch(Buffer.from(row.manifest, 'base64url').toString('latin1'), /vacances|note/);
        // The owner sees the downloads left (counted just after the last byte is sent).
        let left = 0;
        for (let i = 0; i < 50 && left !== 2; i++) {
          left = ((await (await owner(server.url, c, '/owner')).json()) as { downloadsLeft: number }).downloadsLeft;
          if (left !== 2) await new Promise((r) => setTimeout(r, 20));
        }
        assert.equal(left, 2);
      });

      it('mixes the password into the key: without it, or with a wrong one, nothing decrypts', async () => {
        const data = bytes(1000, 3);
        const { c, s } = await share(server.url, [{ name: 'secret.pdf', type: 'application/pdf', data }], { downloads: 5, password: 'les chats dorment' });
        await assert.rejects(receive(server.url, c.id, s.secret));
        await assert.rejects(receive(server.url, c.id, s.secret, 'les chiens dorment'));
        assert.deepEqual((await receive(server.url, c.id, s.secret, 'les chats dorment')).files[0], data);
      });

      it('refuses chunks out of order, repeated or of the wrong size, and serves nothing before finalization', async () => {
        const s = await seal([{ name: 'x.bin', type: '', data: bytes(150_000, 4) }]);
        const c = (await (await create(server.url, s)).json()) as Created;
        const body = s.bodies[0]!;
        const out = await putChunk(server.url, c, 0, 1, body.subarray(CHUNK, 2 * CHUNK));
        assert.equal(out.status, 409);
        assert.match(((await out.json()) as { message: string }).message, /attend le morceau 0/);
        assert.equal((await putChunk(server.url, c, 0, 0, body.subarray(0, CHUNK - 1))).status, 400);
        assert.equal((await putChunk(server.url, c, 0, 0, body.subarray(0, CHUNK))).status, 200);
        assert.equal((await putChunk(server.url, c, 0, 0, body.subarray(0, CHUNK))).status, 409);
        assert.equal((await putChunk(server.url, c, 0, 9, body.subarray(0, 10))).status, 404);
        assert.equal((await putChunk(server.url, { ...c, ownerToken: 'not-the-token' }, 0, 1, body.subarray(CHUNK, 2 * CHUNK))).status, 404);
        // Not finalized: unknown to receivers, and finalizing now says what is missing.
        assert.equal((await fetch(`${server.url}/drop/api/shares/${c.id}`, { headers: { accept: 'application/json' } })).status, 404);
        assert.equal((await fetch(`${server.url}/drop/api/shares/${c.id}/data`)).status, 404);
        assert.equal((await new TestClient(server.url).get(`/drop/s/${c.id}`)).status, 404);
        const fin = await owner(server.url, c, '/finalize', 'POST');
        assert.equal(fin.status, 409);
        // The last chunk must have exactly the size left.
        await putChunk(server.url, c, 0, 1, body.subarray(CHUNK, 2 * CHUNK));
        assert.equal((await putChunk(server.url, c, 0, 2, body.subarray(2 * CHUNK).slice(0, 100))).status, 400);
        assert.equal((await putChunk(server.url, c, 0, 2, body.subarray(2 * CHUNK))).status, 200);
        assert.equal((await owner(server.url, c, '/finalize', 'POST')).status, 200);
        assert.equal((await putChunk(server.url, c, 0, 2, body.subarray(2 * CHUNK))).status, 409);
      });

      it('refuses unknown ids, oversized files, bad requests and uploads once the storage is full', async () => {
        assert.equal((await fetch(`${server.url}/drop/api/shares/nope`, { headers: { accept: 'application/json' } })).status, 404);
        const page = await new TestClient(server.url).get('/drop/s/nope');
        assert.equal(page.status, 404);
        assert.match(textOf(page.text), /n’existe pas, a expiré/);
        const big = { ...(await seal([{ name: 'a', type: '', data: bytes(10) }])), bodies: [new Uint8Array(2 * 1024 * 1024 + 21 + 17 * 33)] };
        const tooBig = await create(server.url, big);
        assert.equal(tooBig.status, 413);
        assert.match(((await tooBig.json()) as { message: string }).message, /trop gros : 1\sMo au plus/);
        const odd = { ...(await seal([{ name: 'a', type: '', data: bytes(10) }])), bodies: [new Uint8Array(21 + 65536 + 1)] };
        assert.equal((await create(server.url, odd)).status, 400, 'a size no ciphertext can have');
        const res = await fetch(`${server.url}/drop/api/shares`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{"files":[]}' });
        assert.equal(res.status, 400);
        // 4 MiB in all: a fifth share of 900 kB does not fit.
        const fill = await seal([{ name: 'a', type: '', data: bytes(900_000) }]);
        let status = 0;
        for (let i = 0; i < 5 && status !== 507; i++) status = (await create(server.url, fill)).status;
        assert.equal(status, 507);
        const full = await create(server.url, fill);
        assert.match(((await full.json()) as { message: string }).message, /stockage du chaton est plein/);
        // Free the space for the next tests (the purge job deletes abandoned uploads).
        await server.core.db.withTables<{ drop_shares: { state: string } }>().deleteFrom('drop_shares').where('state', '=', 'uploading').execute();
      });

      it('refuses a malformed share request (wrong types, NUL, extra nesting) with Drop’s own translated message', async () => {
        const good = { files: [100], expiresIn: 3600, downloads: 5, salt: 'A'.repeat(22), iterations: 0, manifest: 'B'.repeat(32) };
        const bodies = [
          { ...good, files: ['100'] },
          { ...good, files: [[100]] },
          { ...good, expiresIn: 3600.5 },
          { ...good, downloads: '5' },
          { ...good, salt: `${'A'.repeat(21)}\u0000` },
          { ...good, manifest: { nested: 'B'.repeat(32) } },
          [good],
          null,
        ];
        for (const body of bodies) {
          const res = await fetch(`${server.url}/drop/api/shares`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
          assert.equal(res.status, 400, JSON.stringify(body));
          const answer = (await res.json()) as { error: string; message: string };
          assert.deepEqual(answer, { error: 'drop.error.badRequest', message: 'Cette demande d’envoi n’est pas valable. Rechargez la page et réessayez.' });
        }
        const en = await fetch(`${server.url}/drop/api/shares`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ ...good, files: [[100]] }) });
        assert.deepEqual(await en.json(), { error: 'drop.error.badRequest', message: 'This upload request is not valid. Reload the page and try again.' });
      });

      it('counts a download when it completes, never above the limit, even when concurrent', async () => {
        const data = bytes(300_000, 5);
        const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data }], { downloads: 2 });
        const results = await Promise.all(
          Array.from({ length: 6 }, async () => {
            const res = await fetch(`${server.url}/drop/api/shares/${c.id}/data`);
            return { status: res.status, size: (await res.arrayBuffer()).byteLength };
          }),
        );
        const ok = results.filter((r) => r.status === 200);
        assert.equal(ok.length, 2, JSON.stringify(results));
        assert.ok(ok.every((r) => r.size === s.bodies[0]!.length));
        assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 404));
        // Exhausted: never served again, and deleted with its blobs.
        assert.equal((await fetch(`${server.url}/drop/api/shares/${c.id}`, { headers: { accept: 'application/json' } })).status, 404);
        for (let i = 0; i < 50 && (await server.core.blobs.list(`drop/${c.id}/`)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(await server.core.blobs.list(`drop/${c.id}/`), []);
      });

      it('gives the slot back when a download is interrupted', async () => {
        const { c, s } = await share(server.url, [{ name: 'a.bin', type: '', data: bytes(500_000, 6) }], { downloads: 1 });
        const controller = new AbortController();
        const res = await fetch(`${server.url}/drop/api/shares/${c.id}/data`, { signal: controller.signal });
        assert.equal(res.status, 200);
        const reader = res.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => undefined);
        let got: Awaited<ReturnType<typeof receive>> | undefined;
        for (let i = 0; i < 50 && !got; i++) {
          got = await receive(server.url, c.id, s.secret).catch(() => undefined);
          if (!got) await new Promise((r) => setTimeout(r, 20));
        }
        assert.ok(got, 'the interrupted download did not count');
        assert.deepEqual(got.files[0], bytes(500_000, 6));
      });

      it('lets the owner delete the share', async () => {
        const { c } = await share(server.url, [{ name: 'a', type: '', data: bytes(100) }], { downloads: 5 });
        assert.equal((await owner(server.url, { ...c, ownerToken: 'x' }, '', 'DELETE')).status, 404);
        assert.equal((await owner(server.url, c, '', 'DELETE')).status, 200);
        assert.equal((await fetch(`${server.url}/drop/api/shares/${c.id}`, { headers: { accept: 'application/json' } })).status, 404);
        assert.deepEqual(await server.core.blobs.list(`drop/${c.id}/`), []);
      });

      it('takes anonymous reports; admins see them and remove the share, in the audit log', async () => {
        const { c } = await share(server.url, [{ name: 'a', type: '', data: bytes(100) }], { downloads: 5 });
        const visitor = new TestClient(server.url);
        const reported = await visitor.submit(`/drop/s/${c.id}`, { reason: 'Hameçonnage évident' }, `/drop/s/${c.id}/report`);
        assert.equal(reported.status, 200);
        assert.match(textOf(reported.text), /Merci/);
        const admin = new TestClient(server.url);
        await logIn(admin, await makeMember(server.core.db, `admin${blobs}`, { role: 'admin' }));
        assert.notEqual((await visitor.get('/drop/admin')).status, 200);
        const list = await admin.get('/drop/admin');
        assert.equal(list.status, 200);
        assert.match(textOf(list.text), /Hameçonnage évident/);
        const removed = await admin.submit('/drop/admin', {}, `/drop/admin/shares/${c.id}/delete`);
        assert.equal(removed.status, 303);
        assert.equal((await fetch(`${server.url}/drop/api/shares/${c.id}`, { headers: { accept: 'application/json' } })).status, 404);
        const entry = await server.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'drop.share.delete').where('target', '=', c.id).executeTakeFirst();
        assert.ok(entry);
        assert.match(textOf((await admin.get('/drop/admin')).text), /Déjà supprimé/);
      });
    });
  }
}

for (const backend of backends()) {
  describe(`drop storage quota under concurrency (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [drop], config: { drop: { chunk_bytes: CHUNK, max_file_bytes: 1024 * 1024, max_total_bytes: 4 * 1024 * 1024 } } });
    });
    after(() => server.close());

    it('lets simultaneous uploads take the last free space only once', async () => {
      // 4 MiB in all, shares of ~900 kB: four fit, a fifth never does, however the requests interleave.
      const fill = await seal([{ name: 'a', type: '', data: bytes(900_000) }]);
      const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await create(server.url, fill)).status));
      assert.deepEqual(statuses.filter((s) => s === 201).length, 4, statuses.join(' '));
      assert.ok(statuses.every((s) => s === 201 || s === 507), statuses.join(' '));
      const used = await server.core.db.withTables<{ drop_shares: { total_bytes: number } }>().selectFrom('drop_shares').select('total_bytes').execute();
      assert.ok(used.reduce((a, r) => a + Number(r.total_bytes), 0) <= 4 * 1024 * 1024);
    });
  });
}
