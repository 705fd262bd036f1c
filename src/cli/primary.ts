// The primary process of the workers mode (`workers` > 1): runs the migrations once, forks the workers
// (node:cluster: they share the port), relays their bus and counts their rate-limit hits when there is
// no Redis (storage/cluster-hub.ts), starts a new worker when one dies, and on SIGTERM or SIGINT stops
// them all (each finishes its requests and closes its database) before exiting.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/schema.js';
import { createLogger, migrationSets } from '../core.js';
import { builtinModules } from '../modules/index.js';
import { migrate, openDatabase } from '../storage/database.js';
import { ClusterHub } from '../storage/cluster-hub.js';
import { issueSetupToken } from '../portal/accounts/setup-link.js';
import { announce } from './start.js';

/** A worker that dies sooner than this after its start is replaced only after RESTART_DELAY_MS. */
const EARLY_DEATH_MS = 5000;
const RESTART_DELAY_MS = 1000;
const MAX_FAILED_STARTS = 3;

export async function runPrimary(config: Config, count: number): Promise<void> {
  const log = createLogger(config);
  const { db, dialect, close } = openDatabase(config.database.url, config.data_dir);
  try {
    const applied = await migrate(db, dialect, migrationSets(builtinModules));
    if (applied.length) log.info({ applied }, 'database migrated');
  } catch (err) {
    await close();
    throw err;
  }

  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  if (!config.redis.url) {
    const hub = new ClusterHub(live);
    cluster.on('message', (worker, message) => hub.receive(worker, message));
  }
  cluster.setupPrimary({ serialization: 'advanced' });
  const startedAt = new Map<number, number>();
  const fork = (): void => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  let stopping = false;
  // Workers that died without ever listening, in a row (the port is taken, the config cannot work…):
  // after MAX_FAILED_STARTS the primary gives up instead of starting workers forever.
  let failedStarts = 0;
  let anyListened = false;
  cluster.on('listening', () => {
    anyListened = true;
    failedStarts = 0;
  });
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    if (!anyListened && ++failedStarts >= MAX_FAILED_STARTS) {
      log.fatal({ worker: worker.id, code, signal }, 'workers die before listening; stopping');
      void stop('SIGTERM', 1);
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'worker exited; starting another');
    // Not unref'd: while every worker is dead, this timer is what keeps the primary alive to start another.
    setTimeout(() => {
      if (!stopping) fork();
    }, lived < EARLY_DEATH_MS ? RESTART_DELAY_MS : 0);
  });

  const stop = async (signal: NodeJS.Signals, exitCode = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping the workers');
    await Promise.all(
      live().map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const listening = new Promise<number>((resolve) => {
    let ready = 0;
    const onListening = (_worker: Worker, address: { port: number }): void => {
      if (++ready < count) return;
      cluster.off('listening', onListening);
      resolve(address.port);
    };
    cluster.on('listening', onListening);
  });
  for (let i = 0; i < count; i++) fork();
  const port = await listening;
  if (config.port === 0) config.port = port;
  log.info({ workers: count }, 'workers started');
  await announce(config, () => issueSetupToken(db, config.secrets.session));
  // The workers have their own connections; the primary needs it no more.
  await close();
}
