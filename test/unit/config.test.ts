import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, loadConfig, ConfigError } from '../../src/config/load.js';
import { envKeys } from '../../src/config/env.js';
import { configTemplate, writeConfigIfMissing } from '../../src/config/init.js';

const secret = 'x'.repeat(40);

describe('config', () => {
  it('fills defaults around the one required secret', () => {
    const c = parseConfig({ secrets: { session: secret } });
    assert.equal(c.port, 8080);
    assert.equal(c.database.url, '');
    assert.equal(c.accounts.open_signup, false);
    assert.deepEqual(c.services.external, []);
  });

  it('lets every key be overridden by a CHATON_* variable', () => {
    const c = parseConfig(
      { secrets: { session: secret } },
      {
        CHATON_PORT: '9090',
        CHATON_DATA_DIR: '/tmp/somewhere',
        CHATON_DATABASE_URL: 'postgres://u@h/db',
        CHATON_REDIS_URL: 'redis://127.0.0.1:6379',
        CHATON_ACCOUNTS_OPEN_SIGNUP: 'true',
        CHATON_CHATON_NAME: 'Chaton de Quimper',
        CHATON_SERVICES_EXTERNAL: JSON.stringify([{ id: 'cloud', kind: 'nextcloud', name: 'Nextcloud', url: 'https://cloud.example.org' }]),
      },
    );
    assert.equal(c.port, 9090);
    assert.equal(c.data_dir, '/tmp/somewhere');
    assert.equal(c.database.url, 'postgres://u@h/db');
    assert.equal(c.redis.url, 'redis://127.0.0.1:6379');
    assert.equal(c.accounts.open_signup, true);
    assert.equal(c.chaton.name, 'Chaton de Quimper');
    assert.equal(c.services.external[0]?.opening, 'members');
  });

  it('derives an env variable for every leaf key', () => {
    const names = envKeys().map((k) => k.env);
    for (const n of ['CHATON_PORT', 'CHATON_DATA_DIR', 'CHATON_DATABASE_URL', 'CHATON_REDIS_URL', 'CHATON_SECRETS_SESSION', 'CHATON_LIMITS_BODY_BYTES']) {
      assert.ok(names.includes(n), n);
    }
  });

  it('reports one readable line per problem, naming the key', () => {
    try {
      parseConfig({ port: 'eighty', secrets: { session: 'short' }, services: { external: [{ id: 'Bad Id', url: 'not a url' }] } }, { CHATON_LIMITS_BODY_BYTES: 'lots' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const lines = err.problems;
      assert.ok(lines.some((l) => l.startsWith('CHATON_LIMITS_BODY_BYTES: expected a number')), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('port:')), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('secrets.session:') && l.includes('32')), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('services.external.0.id:')), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('services.external.0.url:')), lines.join('\n'));
      assert.ok(lines.every((l) => !l.includes('\n')));
    }
  });

  it('bounds pad.max_import_depth (default 100) to what the parsers can nest safely', () => {
    assert.equal(parseConfig({ secrets: { session: secret } }, {}).pad.max_import_depth, 100);
    assert.equal(parseConfig({ secrets: { session: secret }, pad: { max_import_depth: 500 } }, {}).pad.max_import_depth, 500);
    assert.throws(() => parseConfig({ secrets: { session: secret }, pad: { max_import_depth: 501 } }, {}), (err: unknown) => err instanceof ConfigError && err.problems[0]!.startsWith('pad.max_import_depth'));
  });

  it('takes the chaton’s time zone (default Europe/Paris) only when Intl knows it', () => {
    assert.equal(parseConfig({ secrets: { session: secret } }, {}).chaton.time_zone, 'Europe/Paris');
    assert.equal(parseConfig({ secrets: { session: secret } }, { CHATON_CHATON_TIME_ZONE: 'America/Montreal' }).chaton.time_zone, 'America/Montreal');
    assert.throws(() => parseConfig({ secrets: { session: secret }, chaton: { time_zone: 'Europe/Lyon' } }, {}), (err: unknown) => err instanceof ConfigError && err.problems[0]!.startsWith('chaton.time_zone'));
  });

  it('asks for the S3 settings only when the S3 blob store is chosen', () => {
    const secrets = { session: 'x'.repeat(40) };
    assert.equal(parseConfig({ secrets }, {}).blobs.backend, 'fs');
    try {
      parseConfig({ secrets, blobs: { backend: 's3', s3: { endpoint: 'http://127.0.0.1:3900', bucket: 'drop' } } }, {});
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems.map((l) => l.split(':')[0]).sort(), ['blobs.s3.access_key', 'blobs.s3.secret_key']);
    }
  });

  it('writes a commented template with a fresh secret that loads as is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaton-config-'));
    const path = join(dir, 'chaton.toml');
    assert.equal(writeConfigIfMissing(path), true);
    assert.equal(writeConfigIfMissing(path), false);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^# /m);
    const c = loadConfig({}, path);
    assert.ok(c.secrets.session.length >= 40);
    assert.notEqual(configTemplate().match(/session = "(.*)"/)?.[1], c.secrets.session, 'each template gets its own secret');
  });

  it('names the file and line of a TOML syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaton-config-'));
    const path = join(dir, 'bad.toml');
    writeFileSync(path, 'port = = 3\n');
    assert.throws(() => loadConfig({}, path), (err: unknown) => err instanceof ConfigError && err.problems[0]!.startsWith(path));
  });
});
