// Starts a real chaton server on a free port, on SQLite (a temporary directory) or on a fresh
// PostgreSQL database (when CHATON_TEST_PG_URL is set), for integration and browser tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { createCore, type Core } from '../../src/core.js';
import { buildApp } from '../../src/server/app.js';
import type { ServiceModule } from '../../src/modules/contract.js';
import { pino } from 'pino';

export type Backend = 'sqlite' | 'postgres';

/** The backends to run storage tests on: SQLite always, PostgreSQL when CHATON_TEST_PG_URL is set. */
export function backends(): Backend[] {
  return process.env.CHATON_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Creates an empty PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.CHATON_TEST_PG_URL;
  if (!admin) throw new Error('CHATON_TEST_PG_URL is not set');
  const name = `chaton_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServer {
  url: string;
  core: Core;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

export interface TestServerOptions {
  backend?: Backend;
  /** Raw config (as in the TOML file) merged over the test defaults. */
  config?: Record<string, unknown>;
  modules?: ServiceModule[];
  /** Reuse a database (e.g. two servers on one PostgreSQL). */
  databaseUrl?: string;
  dataDir?: string;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'chaton-test-')));
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl ?? '';
  if (!databaseUrl && opts.backend === 'postgres') {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    dropDb = created.drop;
  }
  const raw: Record<string, unknown> = {
    port: 0,
    data_dir: dataDir,
    log_level: 'silent',
    secrets: { session: randomBytes(32).toString('base64url') },
    ...opts.config,
    database: { url: databaseUrl },
  };
  const config = parseConfig(raw);
  const core = await createCore(config, { log: pino({ level: 'silent' }), ...(opts.modules ? { modules: opts.modules } : {}) });
  const app = await buildApp(core);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  config.port = port; // as `chaton start` does: links derived from host and port name the real port
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    app,
    config,
    async close() {
      await app.close();
      await core.close();
      await dropDb?.();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
