// What `chaton start` writes to its console: pino-pretty's readable lines on a terminal, pino's JSON
// lines elsewhere (the journal, a file), and never a visitor's address in either.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../src/config/load.js';
import { createCore } from '../../src/core.js';
import { buildApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logging.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString()));
  return { stream, text: () => out };
}

/** Starts the real app with a logger writing to `destination`, sends requests from a given address. */
async function logsOfRequests(pretty: boolean): Promise<string> {
  const out = capture();
  const dataDir = await mkdtemp(join(tmpdir(), 'chaton-log-'));
  const config = parseConfig({ port: 0, data_dir: dataDir, trust_proxy: true, log_level: 'info', secrets: { session: randomBytes(32).toString('base64url') } });
  const core = await createCore(config, { log: createLogger('info', { pretty, destination: out.stream }), runJobs: false });
  const app = await buildApp(core);
  try {
    for (const url of ['/', '/nope', '/invite/2qPsGqcNTpZ7WilgUrs1VISxSby5Ad4znHwOzkCzLmc?x=1']) {
      await app.inject({ method: 'GET', url, remoteAddress: '198.51.100.23', headers: { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' } });
    }
    core.log.info({ ip: '203.0.113.7', req: { remoteAddress: '203.0.113.7' } }, 'something about a visitor');
  } finally {
    await app.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  await new Promise((r) => setImmediate(r));
  return out.text();
}

describe('console logs', () => {
  it('are readable lines on a terminal, not JSON', async () => {
    const text = await logsOfRequests(true);
    const lines = text.split('\n').filter(Boolean);
    assert.ok(lines.some((l) => /INFO.*request completed/.test(l)), text);
    assert.ok(lines.every((l) => !l.trimStart().startsWith('{')), text);
  });

  it('are JSON lines when not a terminal', async () => {
    const text = await logsOfRequests(false);
    const lines = text.split('\n').filter(Boolean);
    assert.ok(lines.length > 0);
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
    assert.ok(lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'request completed'));
  });

  it('never hold an address in clear, nor a token from a path', async () => {
    for (const pretty of [true, false]) {
      const text = await logsOfRequests(pretty);
      assert.doesNotMatch(text, /203\.0\.113\.7|198\.51\.100\.23/, text);
      assert.doesNotMatch(text, /2qPsGqcNTpZ7WilgUrs1VISxSby5Ad4znHwOzkCzLmc/);
      assert.match(text, /something about a visitor/);
    }
  });
});
