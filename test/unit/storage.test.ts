import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pino } from 'pino';
import { FsBlobStore } from '../../src/storage/blob-store.js';
import { MemoryBus, RedisBus, type Bus } from '../../src/storage/bus.js';
import { openDatabase, migrate, coreMigrations } from '../../src/storage/database.js';
import { IpHasher } from '../../src/server/ip-hash.js';
import { JobRunner } from '../../src/server/jobs.js';

describe('file blob store', () => {
  const root = mkdtempSync(join(tmpdir(), 'chaton-blobs-'));
  const store = new FsBlobStore(root);

  it('stores, reads (whole and ranges), lists and deletes', async () => {
    assert.deepEqual(await store.put('drop/a/1', Buffer.from('hello world')), { size: 11 });
    await store.put('drop/a/2', Readable.from([Buffer.from('two')]));
    assert.equal(await text((await store.get('drop/a/1'))!), 'hello world');
    assert.equal(await text((await store.get('drop/a/1', { start: 6, end: 10 }))!), 'world');
    assert.deepEqual(await store.list('drop/a/'), ['drop/a/1', 'drop/a/2']);
    await store.delete('drop/a/1');
    assert.equal(await store.get('drop/a/1'), null);
    assert.equal(await store.stat('drop/a/1'), null);
  });

  it('leaves nothing behind when the source stream fails', async () => {
    const failing = new Readable({ read() { this.push(Buffer.from('partial')); this.destroy(new Error('connection lost')); } });
    await assert.rejects(store.put('drop/b/1', failing), /connection lost/);
    assert.equal(await store.stat('drop/b/1'), null);
    assert.deepEqual(readdirSync(join(root, 'drop', 'b')), []);
  });

  it('refuses keys that would leave its directory', async () => {
    for (const key of ['../x', 'a/../../x', '/abs', 'a//b', '']) await assert.rejects(store.put(key, Buffer.from('x')), /invalid blob key/);
  });
});

function busTests(name: string, make: () => Bus) {
  describe(name, () => {
    const a = make();
    const b = make();
    after(async () => { await a.close(); await b.close(); });
    it('delivers a message to every subscriber, and stops after unsubscribe', async () => {
      const got: string[] = [];
      let arrive = (): void => {};
      const arrived = new Promise<void>((resolve) => { arrive = resolve; });
      const unsub = await b.subscribe('test-channel', (m) => { got.push(m.toString()); arrive(); });
      await a.publish('test-channel', 'hello');
      await arrived;
      await unsub();
      await a.publish('test-channel', 'after');
      // A round trip through the same bus proves 'after' had its chance to arrive.
      const probe = new Promise<void>((resolve) => { void b.subscribe('probe-channel', () => resolve()).then(() => a.publish('probe-channel', 'x')); });
      await probe;
      assert.deepEqual(got, ['hello']);
    });
  });
}

busTests('memory bus', (() => { const bus = new MemoryBus(); return () => bus; })());
if (process.env.CHATON_TEST_REDIS_URL) busTests('redis bus', () => new RedisBus(process.env.CHATON_TEST_REDIS_URL!, `chaton-test-${process.pid}:`));

describe('address hashing and job leases', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaton-db-'));
  const { db, dialect, close } = openDatabase('', dir);
  await migrate(db, dialect, [coreMigrations]);
  after(close);

  it('never gives the address back, and changes the salt after a day', async () => {
    const hasher = new IpHasher(db);
    const t0 = Date.now();
    await hasher.refresh(t0);
    const h1 = hasher.hash('192.0.2.7');
    assert.doesNotMatch(h1, /192/);
    assert.equal(hasher.hash('192.0.2.7'), h1);
    assert.notEqual(hasher.hash('192.0.2.8'), h1);
    const other = new IpHasher(db);
    await other.refresh(t0 + 1000);
    assert.equal(other.hash('192.0.2.7'), h1, 'processes share the salt');
    await hasher.refresh(t0 + 25 * 3600 * 1000);
    assert.notEqual(hasher.hash('192.0.2.7'), h1, 'a new day, a new salt');
  });

  it('gives a job lease to one taker until it expires', async () => {
    const runner = new JobRunner(db, pino({ level: 'silent' }));
    const now = Date.now();
    assert.equal(await runner.acquire('purge', 60_000, now), true);
    assert.equal(await runner.acquire('purge', 60_000, now + 1000), false);
    assert.equal(await runner.acquire('purge', 60_000, now + 60_000), true);
  });
});
