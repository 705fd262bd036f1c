// Resuming a Drop upload: after a connection dropped in the middle of a chunk, and after a server
// restart, the upload goes on from the last stored chunk; a cut chunk leaves no blob and no temp file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, createPgDatabase, startTestServer } from '../helpers/server.js';
import { drop } from '../../src/modules/drop/index.js';
import { blobBackends, bytes, create, owner, putChunk, receive, seal, startS3, uploadRest, type Created } from './drop-support.js';

const CHUNK = 65536;

/** Sends half of a chunk's body, then cuts the connection, as a phone losing its network would. */
function cutUpload(base: string, c: Created, f: number, n: number, body: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(`${base}/drop/api/shares/${c.id}/files/${f}/chunks/${n}`);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': body.length, authorization: `Bearer ${c.ownerToken}` } });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(body.subarray(0, body.length >> 1), () => setTimeout(() => req.destroy(), 50));
  });
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.push(e.name);
  return out;
}

for (const backend of backends()) {
  for (const blobs of blobBackends) {
    describe(`drop upload resume (${backend}, ${blobs})`, () => {
      it('resumes from the last stored chunk after the connection drops mid-chunk', async () => {
        const s3 = blobs === 's3' ? await startS3() : undefined;
        const server = await startTestServer({ backend, modules: [drop], config: { drop: { chunk_bytes: CHUNK }, ...(s3 ? { blobs: s3.config } : {}) } });
        try {
          const data = bytes(400_000, 7);
          const s = await seal([{ name: 'film.mp4', type: 'video/mp4', data }]);
          const c = (await (await create(server.url, s)).json()) as Created;
          const body = s.bodies[0]!;
          assert.equal((await putChunk(server.url, c, 0, 0, body.subarray(0, CHUNK))).status, 200);
          assert.equal((await putChunk(server.url, c, 0, 1, body.subarray(CHUNK, 2 * CHUNK))).status, 200);
          await cutUpload(server.url, c, 0, 2, body.subarray(2 * CHUNK, 3 * CHUNK));
          const progress = (await (await owner(server.url, c, '/upload')).json()) as { files: { received: number; chunks: number }[] };
          assert.deepEqual(progress.files, [{ size: body.length, chunks: 7, received: 2 }].map(({ chunks, received }) => ({ size: body.length, chunks, received })));
          assert.deepEqual(await server.core.blobs.list(`drop/${c.id}/`), [`drop/${c.id}/0/0`, `drop/${c.id}/0/1`]);
          if (blobs === 'fs') {
            // The server notices the cut a moment later, and removes what it was writing.
            const tmp = async () => (await files(join(server.config.data_dir, 'blobs'))).filter((f) => f.endsWith('.tmp'));
            for (let i = 0; i < 100 && (await tmp()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
            assert.deepEqual(await tmp(), [], 'no temporary file left');
          }
          await uploadRest(server.url, c, s);
          assert.deepEqual((await receive(server.url, c.id, s.secret)).files[0], data);
        } finally {
          await server.close();
          await s3?.close();
        }
      });

      it('resumes after a server restart in the middle of an upload', async () => {
        const s3 = blobs === 's3' ? await startS3() : undefined;
        const dataDir = await mkdtemp(join(tmpdir(), 'chaton-drop-'));
        const pg = backend === 'postgres' ? await createPgDatabase() : undefined;
        const opts = { modules: [drop], dataDir, ...(pg ? { databaseUrl: pg.url } : {}), config: { drop: { chunk_bytes: CHUNK }, ...(s3 ? { blobs: s3.config } : {}) } };
        try {
          const data = bytes(300_000, 8);
          const s = await seal([{ name: 'a.iso', type: '', data }, { name: 'b.txt', type: 'text/plain', data: bytes(5, 9) }]);
          let server = await startTestServer(opts);
          const c = (await (await create(server.url, s)).json()) as Created;
          assert.equal((await putChunk(server.url, c, 0, 0, s.bodies[0]!.subarray(0, CHUNK))).status, 200);
          await server.close();
          server = await startTestServer(opts);
          try {
            const progress = (await (await owner(server.url, c, '/upload')).json()) as { files: { received: number }[] };
            assert.deepEqual(progress.files.map((f) => f.received), [1, 0]);
            await uploadRest(server.url, c, s);
            const got = await receive(server.url, c.id, s.secret);
            assert.deepEqual(got.files[0], data);
            assert.deepEqual(got.files[1], bytes(5, 9));
          } finally {
            await server.close();
          }
        } finally {
          await pg?.drop();
          await rm(dataDir, { recursive: true, force: true });
          await s3?.close();
        }
      });
    });
  }
}
