// The `chaton crawl` and `chaton chatonsinfos check` commands, run as a user would (a child process).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { startFixtureFederation, type FixtureFederation } from '../fixtures/directory-federation.js';
import { progressBar } from '../../src/cli/crawl.js';

const run = promisify(execFile);

describe('directory commands', () => {
  let fed: FixtureFederation;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    fed = await startFixtureFederation();
    dir = await mkdtemp(join(tmpdir(), 'chaton-cli-'));
    env = {
      ...process.env,
      CHATON_CONFIG: join(dir, 'none.toml'),
      CHATON_DATA_DIR: dir,
      CHATON_SECRETS_SESSION: randomBytes(32).toString('base64url'),
      CHATON_DIRECTORY_ALLOWED_ADDRESSES: '["127.0.0.1"]',
      CHATON_DIRECTORY_TIMEOUT_MS: '2500',
      CHATON_DIRECTORY_MAX_FILE_BYTES: '65536',
      CHATON_DIRECTORY_PER_HOST_DELAY_MS: '0',
      CHATON_DATABASE_URL: '',
      CHATON_LOG_LEVEL: 'silent',
    };
  });
  after(async () => {
    await fed.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('chaton crawl <url> fills the directory and says what it found', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'crawl', fed.url], { env, timeout: 60_000 });
    // The broken organization file has validator errors: refused, and said so (issue 10, E17).
    assert.match(stdout, /^3 organizations, 6 services from \d+ files in [\d.]+ s: \d+ fetched, 0 unchanged, \d+ errors?; 2\/3 no-signup services up/m);
    assert.match(stdout, /^1 organization or service file refused for validator errors/m);
  });

  it('chaton chatonsinfos check <url> prints the problems and exits 1 on errors', async () => {
    const ok = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chatonsinfos', 'check', `${fed.base}/svc/alpes-pad.properties`], { env, timeout: 60_000 });
    assert.match(ok.stdout, /Service, \d+ entries, 0 errors/);
    const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chatonsinfos', 'check', `${fed.base}/orgs/broken.properties`], { env, timeout: 60_000 }).then(
      () => assert.fail('should exit with 1'),
      (err: { code: number; stdout: string }) => err,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /error/);
  });

  it('draws a progress bar', () => {
    assert.equal(progressBar({ done: 5, total: 10, errors: 1 }, 10), '[#####.....] 5/10 files, 1 error');
  });
});
