import { configPath } from '../config/load.js';
import { writeConfigIfMissing } from '../config/init.js';
import { loadConfigOrExit } from './common.js';
import { createCore } from '../core.js';
import { buildApp } from '../server/app.js';
import { issueSetupToken } from '../portal/accounts/setup-link.js';
import { guardProcess } from './guard.js';
import { publicUrl } from '../config/public-url.js';

export async function startCommand(): Promise<void> {
  const path = configPath();
  if (!process.env.CHATON_SECRETS_SESSION && writeConfigIfMissing(path)) console.log(`First start: config written to ${path} with new secrets.`);
  const config = loadConfigOrExit();
  const core = await createCore(config);
  guardProcess(core.log);
  const app = await buildApp(core);
  const stop = async (signal: string): Promise<void> => {
    core.log.info({ signal }, 'stopping');
    await app.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Port 0 asks for any free port: links must name the one really listened on.
  if (config.port === 0) config.port = port;
  const base = publicUrl(config);
  console.log(`\n  ${config.chaton.name} is running: ${base}/\n`);
  // Every process prints the same link (one valid at a time), whichever starts first.
  const token = await issueSetupToken(core.db, config.secrets.session);
  if (token) console.log(`  No admin yet. Create the first admin account with this one-time link (valid 24 hours):\n  ${base}/setup/${token}\n`);
}
