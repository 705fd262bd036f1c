// The public address: public_url when set, otherwise where the chaton listens, so that every link it
// gives (setup, invitations, resets, pads, ChatonsInfos) leads to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { parseConfig } from '../../src/config/load.js';
import { configTemplate } from '../../src/config/init.js';
import { derivedPublicUrl, publicUrl, publicUrlMismatch } from '../../src/config/public-url.js';

const secret = 'x'.repeat(40);

describe('public_url', () => {
  it('follows the port of the config written at first start (CHATON_PORT=18300)', () => {
    const raw = parseToml(configTemplate()) as Record<string, unknown>;
    const config = parseConfig(raw, { CHATON_PORT: '18300' });
    assert.equal(config.public_url, undefined, 'the template leaves public_url commented');
    assert.equal(publicUrl(config), 'http://localhost:18300');
  });

  it('is derived from host and port while not set', () => {
    assert.equal(publicUrl(parseConfig({ secrets: { session: secret } })), 'http://localhost:8080');
    assert.equal(derivedPublicUrl('0.0.0.0', 18300), 'http://localhost:18300');
    assert.equal(derivedPublicUrl('::', 18300), 'http://localhost:18300');
    assert.equal(derivedPublicUrl('::1', 80), 'http://localhost');
    assert.equal(derivedPublicUrl('192.168.1.20', 8080), 'http://192.168.1.20:8080');
    assert.equal(derivedPublicUrl('fd00::20', 8080), 'http://[fd00::20]:8080');
    assert.equal(derivedPublicUrl('chaton.lan', 8080), 'http://chaton.lan:8080');
  });

  it('is the configured address when set, without a trailing slash, whatever the port', () => {
    const config = parseConfig({ secrets: { session: secret }, public_url: 'https://chaton.example.org/' }, { CHATON_PORT: '18300' });
    assert.equal(publicUrl(config), 'https://chaton.example.org');
  });

  it('tells when a request arrives under another origin than the configured one', () => {
    const set = { public_url: 'https://chaton.example.org' };
    assert.equal(publicUrlMismatch(set, 'https', 'chaton.example.org'), null);
    assert.equal(publicUrlMismatch(set, 'https', 'CHATON.example.org:443'), null);
    assert.equal(publicUrlMismatch(set, 'http', 'localhost:8080'), 'https://chaton.example.org');
    assert.equal(publicUrlMismatch(set, 'https', 'autre.example.org'), 'https://chaton.example.org');
    assert.equal(publicUrlMismatch({}, 'http', 'localhost:18300'), null, 'nothing to contradict when not set');
  });
});
