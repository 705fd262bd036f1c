// The `chaton` command as an admin runs it: help, init, check-config, migrate, admin create / reset-password.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const main = resolve('src/cli/main.ts');
// Run from another directory, as an admin would: tsx and the tsconfig are named by absolute paths.
const tsx = import.meta.resolve('tsx');
const tsconfig = resolve('tsconfig.json');

function chaton(args: string[], cwd: string, env: Record<string, string> = {}, input?: string) {
  const res = spawnSync(process.execPath, ['--import', tsx, main, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, TSX_TSCONFIG_PATH: tsconfig, CHATON_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('the chaton command', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'chaton-cli-'));
  });

  it('lists its commands', () => {
    const r = chaton(['--help'], dir);
    assert.equal(r.code, 0);
    for (const c of ['init', 'start', 'migrate', 'check-config', 'admin']) assert.match(r.out, new RegExp(`\\b${c}\\b`));
    const admin = chaton(['admin', '--help'], dir);
    assert.match(admin.out, /create/);
    assert.match(admin.out, /reset-password/);
  });

  it('writes a config with a fresh secret once, and checks it', () => {
    const r = chaton(['init'], dir);
    assert.equal(r.code, 0, r.err);
    const text = readFileSync(join(dir, 'chaton.toml'), 'utf8');
    assert.match(text, /session = "[A-Za-z0-9_-]{40,}"/);
    assert.equal(chaton(['init'], dir).code, 1, 'never overwrites');
    const check = chaton(['check-config'], dir);
    assert.equal(check.code, 0, check.err);
    assert.match(check.out, /OK/);
  });

  it('names each wrong key on its own line and exits non-zero', () => {
    const r = chaton(['check-config'], dir, { CHATON_PORT: 'eighty', CHATON_ACCOUNTS_OPEN_SIGNUP: 'maybe', CHATON_PUBLIC_URL: 'not a url' });
    assert.equal(r.code, 2);
    const lines = r.err.split('\n').filter((l) => l.startsWith('  '));
    assert.ok(lines.some((l) => l.includes('CHATON_PORT')), r.err);
    assert.ok(lines.some((l) => l.includes('CHATON_ACCOUNTS_OPEN_SIGNUP')), r.err);
    assert.ok(lines.some((l) => l.includes('public_url')), r.err);
  });

  it('migrates, creates an admin and prints a reset link', () => {
    const m = chaton(['migrate'], dir);
    assert.equal(m.code, 0, m.err);
    assert.ok(existsSync(join(dir, 'data', 'chaton.sqlite')));
    assert.match(chaton(['migrate'], dir).out, /up to date/);

    const created = chaton(['admin', 'create', 'Fanch'], dir);
    assert.equal(created.code, 0, created.err);
    assert.match(created.out, /Created admin "fanch"/);
    assert.match(created.out, /Password: \S{12,}/);
    assert.equal(chaton(['admin', 'create', 'fanch'], dir).code, 1, 'a taken username is refused');

    const piped = chaton(['admin', 'create', 'rene', '--member', '--password-stdin'], dir, {}, 'une phrase de passe\n');
    assert.equal(piped.code, 0, piped.err);
    assert.doesNotMatch(piped.out, /Password:/);
    assert.equal(chaton(['admin', 'create', 'brigitte', '--password-stdin'], dir, {}, 'court\n').code, 2, 'too short');

    const reset = chaton(['admin', 'reset-password', 'rene'], dir);
    assert.equal(reset.code, 0, reset.err);
    assert.match(reset.out, /\/reset\/[A-Za-z0-9_-]{40,}/);
    assert.equal(chaton(['admin', 'reset-password', 'nobody'], dir).code, 1);
  });

  it('gives links on the port it is told to listen on while public_url is not set', () => {
    // The config written by init leaves public_url commented: links follow CHATON_PORT.
    const reset = chaton(['admin', 'reset-password', 'rene'], dir, { CHATON_PORT: '18300' });
    assert.equal(reset.code, 0, reset.err);
    assert.match(reset.out, /^http:\/\/localhost:18300\/reset\/[A-Za-z0-9_-]{40,}$/m);
    const set = chaton(['admin', 'reset-password', 'rene'], dir, { CHATON_PORT: '18300', CHATON_PUBLIC_URL: 'https://chaton.example.org/' });
    assert.match(set.out, /^https:\/\/chaton\.example\.org\/reset\/[A-Za-z0-9_-]{40,}$/m);
  });
});
