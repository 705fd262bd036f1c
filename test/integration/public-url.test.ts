// The links a chaton gives lead to it: while public_url is not set they follow the port it listens on
// (invitations, ChatonsInfos files); when public_url is set and the admin reaches the chaton under
// another origin, the dashboard says so plainly, in French and in English.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { loggedInClient } from '../helpers/login.js';

const portOf = (server: TestServer): string => new URL(server.url).port;

describe('links while public_url is not set', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ config: { limits: { auth_attempts: 1000 } } });
  });
  after(() => server.close());

  it('invites to the port the chaton listens on, and the link works', async () => {
    const { client: admin } = await loggedInClient(server, 'admin');
    const res = await admin.submit('/admin/invitations', { role: 'member', group: '', note: '', days: '7' });
    assert.equal(res.status, 200);
    const link = /https?:\/\/[^"<\s]+\/invite\/[A-Za-z0-9_-]{20,}/.exec(res.text)?.[0];
    assert.ok(link, 'an invitation link is shown');
    const url = new URL(link);
    assert.equal(url.port, portOf(server));
    assert.equal((await new TestClient(server.url).get(url.pathname)).status, 200);
  });

  it('publishes ChatonsInfos files that point to the port the chaton listens on', async () => {
    const text = (await new TestClient(server.url).get('/.well-known/chatonsinfos/organization.properties')).text;
    assert.match(text, new RegExp(`^file\\.url = http://localhost:${portOf(server)}/\\.well-known/chatonsinfos/organization\\.properties$`, 'm'));
  });

  it('shows no warning on the dashboard', async () => {
    const { client: admin } = await loggedInClient(server, 'admin');
    assert.doesNotMatch(textOf((await admin.get('/admin')).text), /Attention : vous êtes sur/);
  });
});

describe('public_url set to another origin than the one used', () => {
  let server: TestServer;
  before(async () => {
    // Behind a proxy (trust_proxy) the origin is the one the proxy says the visitor used.
    server = await startTestServer({ config: { public_url: 'https://chaton.example.org', trust_proxy: true, limits: { auth_attempts: 1000 } } });
  });
  after(() => server.close());

  it('warns the admin on the dashboard, in French and in English', async () => {
    const { client: admin } = await loggedInClient(server, 'admin');
    const fr = textOf((await admin.get('/admin')).text);
    assert.match(fr, /Attention : vous êtes sur http:\/\/127\.0\.0\.1:\d+, mais public_url dans chaton\.toml vaut https:\/\/chaton\.example\.org/);
    const en = textOf((await admin.get('/admin', { 'accept-language': 'en' })).text);
    assert.match(en, /Warning: you are on http:\/\/127\.0\.0\.1:\d+, but public_url in chaton\.toml is https:\/\/chaton\.example\.org/);
  });

  it('does not warn when reached under the configured origin', async () => {
    const { client: admin } = await loggedInClient(server, 'admin', { headers: { 'x-forwarded-host': 'chaton.example.org', 'x-forwarded-proto': 'https' } });
    assert.doesNotMatch(textOf((await admin.get('/admin')).text), /Attention : vous êtes sur/);
  });
});
