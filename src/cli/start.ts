import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { configPath } from '../config/load.js';
import { writeConfigIfMissing } from '../config/init.js';
import type { Config } from '../config/schema.js';
import { loadConfigOrExit } from './common.js';
import { createCore } from '../core.js';
import { buildApp } from '../server/app.js';
import { issueSetupToken } from '../portal/accounts/setup-link.js';
import { guardProcess } from './guard.js';
import { publicUrl } from '../config/public-url.js';

/** The number of worker processes that `workers` asks for ('auto': one per core). */
export function workerCount(workers: Config['workers'], cores = availableParallelism()): number {
  return workers === 'auto' ? Math.max(1, cores) : workers;
}

/** Prints where the chaton answers, and the setup link while it has no admin. */
export async function announce(config: Config, issue: () => Promise<string | null>): Promise<void> {
  const base = publicUrl(config);
  console.log(`\n  ${config.chaton.name} is running: ${base}/\n`);
  // Every process prints the same link (one valid at a time), whichever starts first.
  const token = await issue();
  if (token) console.log(`  No admin yet. Create the first admin account with this one-time link (valid 24 hours):\n  ${base}/setup/${token}\n`);
}

export async function startCommand(): Promise<void> {
  const worker = cluster.isWorker;
  const path = configPath();
  if (!worker && !process.env.CHATON_SECRETS_SESSION && writeConfigIfMissing(path)) console.log(`First start: config written to ${path} with new secrets.`);
  const config = loadConfigOrExit();
  if (!worker && workerCount(config.workers) > 1) {
    const { runPrimary } = await import('./primary.js');
    return runPrimary(config, workerCount(config.workers));
  }
  const core = await createCore(config);
  guardProcess(core.log);
  const app = await buildApp(core);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    core.log.info({ signal }, 'stopping');
    await app.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // A worker whose primary is gone stops too.
  if (worker) process.once('disconnect', () => void stop('disconnect'));
  // A port that cannot be listened on ends the process (in the workers mode the error comes from the
  // cluster, outside listen's promise): the primary then gives up instead of serving nothing.
  const cannotListen = (err: unknown): never => {
    core.log.fatal({ err }, 'cannot listen');
    process.exit(1);
  };
  app.server.once('error', cannotListen);
  await app.listen({ port: config.port, host: config.host }).catch(cannotListen);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Port 0 asks for any free port: links must name the one really listened on (in the workers mode,
  // every worker gets the same one).
  if (config.port === 0) config.port = port;
  // In the workers mode, the primary says it once for all.
  if (!worker) await announce(config, () => issueSetupToken(core.db, config.secrets.session));
}
