// Memory: a chaton on SQLite without Redis, started and serving its home page, has not loaded what it
// does not need yet (src/lazy.ts). Importing one of these statically again would cost every chaton
// several MiB (docs/benchmarks.md, Drop: the 150 MiB goal).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NOT_AT_START = ['pg', 'ioredis', '@node-rs/argon2', 'undici', 'sanitize-html', 'marked', 'htmlparser2', 'diff', '@aws-sdk/client-s3', 'pino-pretty', 'nodemailer', 'prosemirror-model', 'prosemirror-markdown', 'markdown-it', 'docx', 'fflate', 'mammoth'];

describe('dependencies loaded on first use', () => {
  it('starts a SQLite chaton without the PostgreSQL, Redis, argon2, crawler and Markdown libraries', () => {
    const resolved = join(mkdtempSync(join(tmpdir(), 'chaton-lazy-')), 'resolved.txt');
    execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/lazy/start-app.ts'], { env: { ...process.env, CHATON_TEST_RESOLVED: resolved }, stdio: 'inherit' });
    const packages = new Set(
      readFileSync(resolved, 'utf8').split('\n').map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((p): p is string => !!p),
    );
    assert.ok(packages.has('fastify') && packages.has('kysely'), 'the recorder sees the packages that are loaded');
    assert.deepEqual(NOT_AT_START.filter((p) => packages.has(p)), []);
  });
});
