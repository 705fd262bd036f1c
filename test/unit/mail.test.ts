// The e-mail module's own rules: the [mail] config, the templates (both languages, escaped HTML, no remote
// image, the chaton's name in the subject), the doubling wait between tries, and the sealed queue content.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, ConfigError } from '../../src/config/load.js';
import { mailConfigured } from '../../src/mail/configured.js';
import { renderMail } from '../../src/mail/templates.js';
import { backoffMs } from '../../src/mail/queue.js';
import { seal, unseal } from '../../src/mail/sealed.js';
import { transportOptions } from '../../src/mail/transport.js';

const secrets = { session: 'x'.repeat(40) };
const site = { name: 'Les <Chats> & Co', url: 'https://chaton.example.org' };

describe('e-mail', () => {
  it('is off without a host, needs a sender with one, and takes CHATON_MAIL_* variables', () => {
    const off = parseConfig({ secrets }, {});
    assert.equal(mailConfigured(off), false);
    assert.throws(() => parseConfig({ secrets, mail: { host: 'smtp.example.org' } }, {}), (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith('mail.from')));
    const on = parseConfig({ secrets }, { CHATON_MAIL_HOST: 'smtp.example.org', CHATON_MAIL_FROM: 'noreply@example.org', CHATON_MAIL_USER: 'u', CHATON_MAIL_PASSWORD: 'p', CHATON_MAIL_PORT: '465', CHATON_MAIL_SECURITY: 'tls' });
    assert.equal(mailConfigured(on), true);
    assert.deepEqual({ port: on.mail.port, security: on.mail.security, password: on.mail.password }, { port: 465, security: 'tls', password: 'p' });
    const opts = transportOptions(on.mail);
    assert.equal(opts.secure, true);
    assert.deepEqual(opts.auth, { user: 'u', pass: 'p' });
    assert.equal(transportOptions({ ...on.mail, security: 'starttls' }).requireTLS, true, 'starttls is required, never optional');
  });

  it('writes each message in French and English, with the chaton’s name, escaped HTML and no remote image', () => {
    const content = { kind: 'reset' as const, username: 'alice', link: 'https://chaton.example.org/reset/abc', hours: 48 };
    const fr = renderMail(content, 'fr', site);
    const en = renderMail(content, 'en', site);
    assert.equal(fr.subject, 'Les <Chats> & Co : choisir un nouveau mot de passe');
    assert.equal(en.subject, 'Les <Chats> & Co: choose a new password');
    assert.match(fr.text, /valable 48 heures/);
    assert.match(en.text, /valid for 48 hours/);
    assert.match(fr.text, /Choisir un nouveau mot de passe :\nhttps:\/\/chaton\.example\.org\/reset\/abc/);
    for (const m of [fr, en]) {
      assert.doesNotMatch(m.html, /<Chats>/, 'the name is escaped in HTML');
      assert.match(m.html, /Les &lt;Chats> &amp; Co/);
      assert.doesNotMatch(m.html, /<img|<link|<script|style=|src=/i);
      assert.match(m.html, /<a href="https:\/\/chaton\.example\.org\/reset\/abc">/);
    }
    assert.match(renderMail({ kind: 'invitation', inviter: 'Bob', link: 'https://x/invite/t', expiresAt: Date.UTC(2030, 0, 2) }, 'en', site).text, /Bob invites you to create an account on Les <Chats> & Co/);
    assert.match(renderMail({ kind: 'signup-waiting', username: 'zoe', link: 'https://x/admin/members' }, 'fr', site).subject, /un compte attend d’être accepté/);
  });

  it('waits longer after each failure, up to six hours', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffMs(60, n)), [60_000, 120_000, 240_000, 480_000]);
    assert.equal(backoffMs(60, 30), 6 * 3600 * 1000);
  });

  it('seals the queued content: readable with the secret only', () => {
    const sealed = seal('secret one, long enough for the test', 'https://chaton.example.org/reset/token');
    assert.doesNotMatch(sealed, /token|reset/);
    assert.equal(unseal('secret one, long enough for the test', sealed), 'https://chaton.example.org/reset/token');
    assert.equal(unseal('another secret', sealed), null);
    assert.equal(unseal('secret one, long enough for the test', 'garbage'), null);
  });
});
