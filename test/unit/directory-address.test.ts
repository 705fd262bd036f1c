import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressAllowed, isPrivateAddress } from '../../src/federation/crawler/address.js';

describe('crawler address policy (SSRF)', () => {
  it('refuses loopback, private, link-local, shared, multicast and reserved IPv4 addresses', () => {
    for (const ip of ['127.0.0.1', '127.8.9.1', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1']) {
      assert.equal(isPrivateAddress(ip), true, ip);
    }
  });
  it('accepts public IPv4 addresses', () => {
    for (const ip of ['1.1.1.1', '80.67.169.12', '172.32.0.1', '192.169.0.1', '100.128.0.1']) assert.equal(isPrivateAddress(ip), false, ip);
  });
  it('refuses IPv6 loopback, unique-local, link-local and IPv4-mapped private addresses', () => {
    for (const ip of ['::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'ff02::1', '2001:db8::1', '64:ff9b::a00:1']) {
      assert.equal(isPrivateAddress(ip), true, ip);
    }
  });
  it('accepts public IPv6 addresses, also IPv4-mapped ones', () => {
    for (const ip of ['2a01:4f8::1', '2001:4860:4860::8888', '::ffff:1.1.1.1', '64:ff9b::101:101']) assert.equal(isPrivateAddress(ip), false, ip);
  });
  it('treats what is not an address as forbidden', () => {
    assert.equal(isPrivateAddress('localhost'), true);
  });
  it('lets the config allow one exact address, or all private ones', () => {
    assert.equal(addressAllowed('127.0.0.1', { allowPrivate: false, allowed: ['127.0.0.1'] }), true);
    assert.equal(addressAllowed('127.0.0.2', { allowPrivate: false, allowed: ['127.0.0.1'] }), false);
    assert.equal(addressAllowed('10.0.0.1', { allowPrivate: true, allowed: [] }), true);
  });
});
