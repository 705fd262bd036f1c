// BlobStore.sweep: what puts cut by a crash leave behind (temporary files on disk, unfinished multipart
// uploads on S3) goes once old enough; writes in progress, blobs and other prefixes stay.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { FsBlobStore } from '../../src/storage/blob-store.js';
import { S3BlobStore } from '../../src/storage/s3-blob-store.js';

const HOUR = 3600_000;

async function old(path: string): Promise<void> {
  const t = new Date(Date.now() - HOUR);
  await utimes(path, t, t);
}

describe('blob store sweep', () => {
  it('on disk: removes old temporary files and then empty old directories under the prefix only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'chaton-sweep-'));
    const store = new FsBlobStore(root);
    await store.put('drop/a/0/0', Buffer.from('chunk'));
    await mkdir(join(root, 'drop', 'b', '0'), { recursive: true });
    const leftovers = [join(root, 'drop', 'a', '0', '1.0123456789ab.tmp'), join(root, 'drop', 'b', '0', '0.0123456789ab.tmp')];
    for (const p of leftovers) {
      await writeFile(p, 'half');
      await old(p);
    }
    const fresh = join(root, 'drop', 'a', '0', '1.ffffffffffff.tmp');
    await writeFile(fresh, 'being written');
    await mkdir(join(root, 'other'));
    const elsewhere = join(root, 'other', 'x.0123456789ab.tmp');
    await writeFile(elsewhere, 'not ours');
    await old(elsewhere);
    await old(join(root, 'drop', 'b', '0'));
    await old(join(root, 'drop', 'b'));
    assert.equal(await store.sweep('drop/', 10 * 60_000), 2);
    assert.ok(!existsSync(leftovers[0]!) && !existsSync(leftovers[1]!));
    assert.ok(existsSync(fresh), 'a write in progress stays');
    assert.ok(existsSync(elsewhere), 'outside the prefix: untouched');
    assert.ok(!existsSync(join(root, 'drop', 'b', '0')), 'an old empty directory goes');
    assert.deepEqual(await store.list('drop/'), ['drop/a/0/0']);
    await assert.rejects(store.sweep('../', 0), /invalid blob key/);
  });

  it('on S3: aborts the old unfinished multipart uploads under the prefix, and copes with stores without the listing', async () => {
    const store = new S3BlobStore({ endpoint: 'http://127.0.0.1:1', bucket: 'b', region: 'us-east-1', access_key: 'k', secret_key: 's', force_path_style: true });
    const sent: { name: string; input: Record<string, unknown> }[] = [];
    let implemented = true;
    (store as unknown as { client: { send(c: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> } }).client = {
      async send(command) {
        sent.push({ name: command.constructor.name, input: command.input });
        if (command.constructor.name !== 'ListMultipartUploadsCommand') return {};
        if (!implemented) throw new S3ServiceException({ name: 'NotImplemented', $fault: 'server', $metadata: { httpStatusCode: 501 } });
        return {
          Uploads: [
            { Key: 'drop/a/0/1', UploadId: 'old', Initiated: new Date(Date.now() - HOUR) },
            { Key: 'drop/a/0/2', UploadId: 'new', Initiated: new Date() },
          ],
          IsTruncated: false,
        };
      },
    };
    assert.equal(await store.sweep('drop/', 10 * 60_000), 1);
    assert.equal(sent[0]!.input.Prefix, 'drop/');
    assert.deepEqual(sent.filter((c) => c.name === 'AbortMultipartUploadCommand').map((c) => c.input), [{ Bucket: 'b', Key: 'drop/a/0/1', UploadId: 'old' }]);
    implemented = false;
    assert.equal(await store.sweep('drop/', 10 * 60_000), 0);
  });
});
