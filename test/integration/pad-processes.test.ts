// The pad across real processes: a server killed with SIGKILL in the middle of a typing session loses
// no acknowledged edit; and several processes serve the same pad, their clients converging: two
// processes on one PostgreSQL and one Redis (run when CHATON_TEST_PG_URL and CHATON_TEST_REDIS_URL are
// set), and one process with two workers on SQLite without Redis (the bus goes through the primary).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { backends, createPgDatabase } from '../helpers/server.js';
import { connect, createPad, type, textOfDoc, waitFor } from '../pad/helpers.js';
import type { PadClient } from '../../src/modules/pad/client.js';
import { startInstance, stopInstance as stop, type Instance } from '../helpers/process.js';

async function environment(backend: string, extra: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'chaton-pad-proc-'));
  const database = backend === 'postgres' ? await createPgDatabase() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHATON_CONFIG: join(dataDir, 'none.toml'),
    CHATON_PORT: '0',
    CHATON_DATABASE_URL: database?.url ?? '',
    CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
    CHATON_DATA_DIR: dataDir,
    CHATON_LOG_LEVEL: 'warn',
    ...extra,
  };
  return { env, cleanup: async () => { await database?.drop(); await rm(dataDir, { recursive: true, force: true }); } };
}

for (const backend of backends()) {
  describe(`pad server killed mid-session (${backend})`, () => {
    const clients: PadClient[] = [];
    const instances: Instance[] = [];
    let cleanup = async () => undefined as void;
    after(async () => {
      for (const c of clients) c.destroy();
      for (const i of instances) await stop(i);
      await cleanup();
    });

    it('loses no acknowledged edit when killed with SIGKILL', async () => {
      const e = await environment(backend);
      cleanup = e.cleanup;
      const first = await startInstance(e.env);
      instances.push(first);
      const { name } = await createPad(first.url);
      const writer = connect(first.url, `/pad/${name}`, { reconnect: false });
      clients.push(writer);
      await waitFor(() => writer.synced, 'synced');
      // Type words as fast as the per-connection limit allows; remember which edit carried which word.
      const words = new Map<number, string>();
      let n = 0;
      const typing = setInterval(() => {
        const word = `w${n++} `;
        type(writer.doc, word);
        words.set(writer.lastSeq, word);
      }, 40);
      await waitFor(() => writer.lastAcked > 40, 'some edits acknowledged');
      first.child.kill('SIGKILL');
      clearInterval(typing);
      const acked = writer.lastAcked;
      await new Promise((r) => first.child.once('exit', r));
      assert.ok(words.size >= acked && acked > 40);

      const second = await startInstance(e.env);
      instances.push(second);
      const reader = connect(second.url, `/pad/${name}`, { reconnect: false });
      clients.push(reader);
      await waitFor(() => reader.synced, 'reader synced');
      const text = textOfDoc(reader.doc);
      const lost = [...words].filter(([seq, word]) => seq <= acked && !text.includes(word));
      assert.deepEqual(lost, [], `acknowledged edits lost (${acked} acknowledged)`);
    });
  });
}

const pgUrl = process.env.CHATON_TEST_PG_URL;
const redisUrl = process.env.CHATON_TEST_REDIS_URL;

const modes = [
  { name: 'one pad on two processes through Redis', skip: pgUrl && redisUrl ? false : 'set CHATON_TEST_PG_URL and CHATON_TEST_REDIS_URL to run it', workers: false },
  { name: 'one pad on two workers of one process, without Redis', skip: false, workers: true },
] as const;

for (const mode of modes) {
  describe(mode.name, () => {
    const clients: PadClient[] = [];
    const instances: Instance[] = [];
    let cleanup = async () => undefined as void;
    after(async () => {
      for (const c of clients) c.destroy();
      for (const i of instances) await stop(i);
      await cleanup();
    });

    it('clients on different processes edit together and converge', { skip: mode.skip }, async () => {
      const e = mode.workers ? await environment('sqlite', { CHATON_WORKERS: '2', CHATON_REDIS_URL: '' }) : await environment('postgres', { CHATON_REDIS_URL: redisUrl ?? '' });
      cleanup = e.cleanup;
      // The first one creates the tables; processes loading the sources through tsx on a shared machine
      // may take long to start.
      instances.push(await startInstance(e.env, 120_000));
      // In the workers mode, one address: each WebSocket is a new connection, and the primary hands
      // new connections to the two workers in turn, so both serve the pad.
      if (!mode.workers) instances.push(await startInstance(e.env, 120_000));
      const a = instances[0]!;
      const b = instances[1] ?? a;
      const { name } = await createPad(a.url);
      const onA = [0, 1, 2].map(() => connect(a.url, `/pad/${name}`));
      const onB = [0, 1, 2].map(() => connect(b.url, `/pad/${name}`));
      clients.push(...onA, ...onB);
      await waitFor(() => clients.every((c) => c.synced), 'all synced');
      type(onA[0]!.doc, 'A');
      await waitFor(() => clients.every((c) => textOfDoc(c.doc) === 'A'), 'the other process’s clients see A’s edit');
      onA[0]!.awareness!.setLocalStateField('user', { name: 'Anne' });
      for (const c of clients.slice(1)) {
        await waitFor(() => [...c.awareness!.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Anne'), 'presence crosses processes');
      }
      for (let i = 0; i < 20; i++) for (const c of clients) type(c.doc, String(i % 10), Math.floor(Math.random() * textOfDoc(c.doc).length));
      await waitFor(() => clients.every((c) => c.pending === 0), 'all acknowledged', 20_000);
      await waitFor(() => new Set(clients.map((c) => textOfDoc(c.doc))).size === 1, 'one text on every process', 20_000);
      assert.equal(textOfDoc(clients[0]!.doc).length, 1 + 20 * clients.length);
    });
  });
}
