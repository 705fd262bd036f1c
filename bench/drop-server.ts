// The server half of `npm run bench:drop`: a chaton with Drop, SQLite and the disk blob store in
// BENCH_DIR, in its own process so that its peak RSS is its own. Prints its URL on stdout.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { parseConfig } from '../src/config/load.js';
import { createCore } from '../src/core.js';
import { buildApp } from '../src/server/app.js';
import { drop } from '../src/modules/drop/index.js';

const config = parseConfig({
  port: 0,
  data_dir: process.env.BENCH_DIR ?? './data-bench',
  log_level: 'silent',
  secrets: { session: randomBytes(32).toString('base64url') },
  drop: { max_file_bytes: 2 * 1024 ** 3, max_total_bytes: 10 * 1024 ** 3 },
});
const core = await createCore(config, { log: pino({ level: 'silent' }), runJobs: false, modules: [drop] });
const app = await buildApp(core);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => core.close()).then(() => process.exit(0)));
