// Drop's storage quota against a visitor who declares files without sending them: declared bytes are
// bounded per (hashed) address, their reservation lapses soon after the upload stops, and the quota
// counts what is really stored. Addresses are varied through X-Forwarded-For (trust_proxy).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { dropDb } from '../../src/modules/drop/store.js';
import { encryptedSize } from '../../src/modules/drop/sizes.js';
import { bytes, seal, type Created } from './drop-support.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

async function declare(base: string, files: number[], from: string, lang = 'fr'): Promise<Response> {
  const s = await seal([{ name: 'a', type: '', data: bytes(10) }]);
  return fetch(`${base}/drop/api/shares`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-forwarded-for': from, 'accept-language': lang },
    body: JSON.stringify({ files, expiresIn: 3600, downloads: 1, salt: Buffer.from(s.salt).toString('base64url'), iterations: 0, manifest: s.manifest }),
  });
}

function chunk(base: string, c: Created, n: number, body: Uint8Array, from: string): Promise<Response> {
  return fetch(`${base}/drop/api/shares/${c.id}/files/0/chunks/${n}`, {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream', authorization: `Bearer ${c.ownerToken}`, 'x-forwarded-for': from },
    body: body as BodyInit,
  });
}

/** Makes every reservation look as old as `minutes` (instead of waiting for it to lapse). */
async function age(server: TestServer, minutes: number): Promise<void> {
  await dropDb(server.core).updateTable('drop_shares').set({ active_at: Date.now() - minutes * 60_000 }).execute();
}

for (const backend of backends()) {
  describe(`drop quota with the default limits (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [drop], config: { trust_proxy: true } });
    });
    after(() => server.close());

    it('a visitor declaring 99.95 GiB without uploading does not fill the chaton for others', async () => {
      // The attack of issue 10: 25 files totalling 99.95 GiB (each under the 4 GiB limit), never sent.
      const each = encryptedSize(Math.floor((99.95 * GiB) / 25) - 30_000);
      const huge = await declare(server.url, Array.from({ length: 25 }, () => each), '203.0.113.7');
      assert.equal(huge.status, 413);
      assert.match(((await huge.json()) as { message: string }).message, /Trop d’octets en attente d’envoi depuis votre connexion : 10,7\sGo au plus/);
      const en = await declare(server.url, Array.from({ length: 25 }, () => each), '203.0.113.7', 'en');
      assert.match(((await en.json()) as { message: string }).message, /Too many bytes waiting to be uploaded from your connection: 10.7\sGB at most/);
      // Another visitor's 49 MiB share is accepted.
      assert.equal((await declare(server.url, [encryptedSize(49 * MiB)], '198.51.100.1')).status, 201);
      // Spread over addresses, declared space fills the chaton only while the reservations are alive.
      for (let i = 0; i < 12; i++) assert.equal((await declare(server.url, [each, each], `192.0.2.${i + 1}`)).status, 201);
      const free = 100 * GiB - 24 * each - encryptedSize(49 * MiB);
      assert.equal((await declare(server.url, [encryptedSize(free - 20 * MiB)], '192.0.2.100')).status, 201);
      assert.equal((await declare(server.url, [encryptedSize(49 * MiB)], '198.51.100.2')).status, 507);
      await age(server, 16);
      assert.equal((await declare(server.url, [encryptedSize(49 * MiB)], '198.51.100.2')).status, 201);
    });
  });

  describe(`drop quota counts what is stored (${backend})`, () => {
    let server: TestServer;
    const CHUNK = 65536;
    before(async () => {
      server = await startTestServer({
        backend, modules: [drop],
        config: { trust_proxy: true, drop: { chunk_bytes: CHUNK, max_file_bytes: 4 * MiB, max_total_bytes: 4 * MiB, pending_bytes_per_address: 2 * MiB } },
      });
    });
    after(() => server.close());

    it('bounds the bytes one address has waiting, and lets a lapsed upload keep only what it stored', async () => {
      const A = '203.0.113.10';
      const s = await seal([{ name: 'big', type: '', data: bytes(1_500_000, 9) }]);
      const body = s.bodies[0]!;
      const res = await declare(server.url, [body.length], A);
      assert.equal(res.status, 201);
      const c = (await res.json()) as Created;
      // The same address may not declare more than 2 MiB waiting at once; another may.
      const more = await declare(server.url, [encryptedSize(700_000)], A);
      assert.equal(more.status, 429);
      assert.match(((await more.json()) as { message: string }).message, /réessayez dans 15 minutes/);
      assert.equal((await declare(server.url, [encryptedSize(700_000)], '203.0.113.11')).status, 201);
      // A sends one chunk, then stops: once its reservation lapses, only that chunk counts.
      assert.equal((await chunk(server.url, c, 0, body.subarray(0, CHUNK), A)).status, 200);
      await age(server, 16);
      assert.equal((await declare(server.url, [encryptedSize(700_000)], A)).status, 201, 'the lapsed reservation no longer counts for A');
      const others = [encryptedSize(1_900_000), encryptedSize(1_300_000)];
      assert.equal((await declare(server.url, [others[0]!], '203.0.113.12')).status, 201);
      assert.equal((await declare(server.url, [others[1]!], '203.0.113.13')).status, 201);
      // 64 KiB stored + 0.7 + 1.9 + 1.3 MB reserved: A's upload cannot take its space back; its next chunk
      // fits in what is left, and the storage never holds more than the quota.
      assert.equal((await chunk(server.url, c, 1, body.subarray(CHUNK, 2 * CHUNK), A)).status, 200);
      let status = 200;
      for (let n = 2; n < 20 && status === 200; n++) status = (await chunk(server.url, c, n, body.subarray(n * CHUNK, (n + 1) * CHUNK), A)).status;
      assert.equal(status, 507);
    });
  });
}
