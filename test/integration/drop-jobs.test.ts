// Drop's cleaning job and upload rate: expired, exhausted and abandoned shares are deleted with their
// blobs and never served; dead downloads give their slot back; orphan blobs go; creations are rate-limited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { purgeOrphans, purgeShares } from '../../src/modules/drop/jobs.js';
import { dropDb, DOWNLOAD_LEASE_MS } from '../../src/modules/drop/store.js';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytes, create, owner, seal, share, type Created } from './drop-support.js';

for (const backend of backends()) {
  describe(`drop jobs and limits (${backend})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ backend, modules: [drop], config: { drop: { chunk_bytes: 65536, uploads_per_hour: 8 } } });
    });
    after(() => server.close());

    const info = (id: string) => fetch(`${server.url}/drop/api/shares/${id}`, { headers: { accept: 'application/json' } });

    it('deletes expired and abandoned shares with their blobs, and keeps the others', async () => {
      const db = dropDb(server.core);
      const expired = await share(server.url, [{ name: 'a', type: '', data: bytes(70_000) }], { downloads: 3 });
      const alive = await share(server.url, [{ name: 'b', type: '', data: bytes(10) }], { downloads: 3 });
      const s = await seal([{ name: 'c', type: '', data: bytes(100_000) }]);
      const abandoned = (await (await create(server.url, s)).json()) as Created;
      await fetch(`${server.url}/drop/api/shares/${abandoned.id}/files/0/chunks/0`, {
        method: 'PUT', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${abandoned.ownerToken}` }, body: s.bodies[0]!.subarray(0, 65536) as BodyInit,
      });
      await db.updateTable('drop_shares').set({ expires_at: Date.now() - 1 }).where('id', 'in', [expired.c.id, abandoned.id]).execute();
      // Expired: not served even before the job runs.
      assert.equal((await info(expired.c.id)).status, 404);
      assert.equal((await fetch(`${server.url}/drop/api/shares/${expired.c.id}/data`)).status, 404);
      assert.ok(await purgeShares(server.core) >= 2);
      assert.deepEqual(await server.core.blobs.list(`drop/${expired.c.id}/`), []);
      assert.deepEqual(await server.core.blobs.list(`drop/${abandoned.id}/`), []);
      assert.equal((await info(alive.c.id)).status, 200);
    });

    it('gives back the slot of a download that never ended, and removes orphan blobs', async () => {
      const db = dropDb(server.core);
      const { c } = await share(server.url, [{ name: 'a', type: '', data: bytes(10) }], { downloads: 1 });
      // A download started before a crash: its slot is taken, so nobody else may download.
      await db.updateTable('drop_shares').set({ reserved: 1 }).where('id', '=', c.id).execute();
      await db.insertInto('drop_downloads').values({ id: 'dead', share_id: c.id, started_at: Date.now() - DOWNLOAD_LEASE_MS - 1 }).execute();
      assert.equal((await info(c.id)).status, 404);
      await purgeShares(server.core);
      assert.equal((await info(c.id)).status, 200);
      await server.core.blobs.put('drop/orphan/0/0', Buffer.from('x'));
      assert.equal(await purgeOrphans(server.core), 1);
      assert.deepEqual(await server.core.blobs.list('drop/orphan/'), []);
      assert.notDeepEqual(await server.core.blobs.list(`drop/${c.id}/`), []);
    });

    it('removes the temporary files of chunk writes cut by a crash: in the orphan job and when the share is deleted', async () => {
      const root = join(server.config.data_dir, 'blobs', 'drop');
      // What a crash in the middle of writing chunk 1 of file 0 leaves: a temporary file next to the chunks.
      const leftover = async (id: string, name: string, ageMs: number) => {
        await mkdir(join(root, id, '0'), { recursive: true });
        const path = join(root, id, '0', name);
        await writeFile(path, 'half a chunk');
        const t = new Date(Date.now() - ageMs);
        await utimes(path, t, t);
        return path;
      };
      const inDir = async (id: string) => (await readdir(join(root, id), { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.tmp'));
      // A live share: the orphan job removes its old leftover, keeps a write in progress and the chunks.
      const live = await share(server.url, [{ name: 'a', type: '', data: bytes(70_000) }], { downloads: 3 });
      await leftover(live.c.id, '1.0123456789ab.tmp', 3600_000);
      await leftover(live.c.id, '1.ba9876543210.tmp', 0);
      // A share whose row is gone and whose directory holds only a leftover (list() sees no blob there).
      await leftover('gone', '0.0123456789ab.tmp', 3600_000);
      await purgeOrphans(server.core);
      assert.deepEqual(await inDir(live.c.id), ['0/1.ba9876543210.tmp'], 'the old leftover is removed, the write in progress is kept');
      assert.deepEqual(await inDir('gone'), [], 'the leftover of a deleted share is removed');
      assert.deepEqual(await server.core.blobs.list(`drop/${live.c.id}/`), [`drop/${live.c.id}/0/0`, `drop/${live.c.id}/0/1`]);
      // Deleting a share removes its old leftovers too.
      const other = await share(server.url, [{ name: 'b', type: '', data: bytes(10) }], { downloads: 3 });
      await leftover(other.c.id, '1.0123456789ab.tmp', 3600_000);
      assert.equal((await owner(server.url, other.c, '', 'DELETE')).status, 200);
      assert.deepEqual(await inDir(other.c.id), []);
    });

    it('limits new shares per hour and per address', async () => {
      const s = await seal([{ name: 'a', type: '', data: bytes(10) }]);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await create(server.url, s)).status);
      assert.ok(statuses.includes(429), statuses.join(','));
      assert.ok(statuses.slice(statuses.indexOf(429)).every((x) => x === 429));
    });
  });
}
