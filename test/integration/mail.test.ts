// E-mail against a real SMTP server started here: a forgotten password by e-mail (in the member's language,
// a link that works once), the same answer for an unknown address, the limits, an outage and the retry,
// invitations by e-mail, the admins' notice of a signup waiting for admission, and the audit log.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, textOf } from '../helpers/client.js';
import { PASSWORD, loggedInClient, makeMember } from '../helpers/login.js';
import { TestSmtp, SMTP_PASSWORD } from '../helpers/smtp.js';
import { setEmail } from '../../src/portal/accounts/members.js';
import { readAudit } from '../../src/portal/audit.js';

const NEW_PASSWORD = 'a brand new long password';

/** The one-time link of a message (its /reset/ or /invite/ path). */
function linkIn(text: string, kind: 'reset' | 'invite'): string {
  const m = new RegExp(`https?://[^\\s/]+(/${kind}/[A-Za-z0-9_-]+)`).exec(text);
  assert.ok(m, `a /${kind}/ link in: ${text}`);
  return m[1]!;
}

for (const backend of backends()) {
  describe(`e-mail (${backend})`, () => {
    const smtp = new TestSmtp();
    let server: TestServer;
    before(async () => {
      await smtp.start();
      server = await startTestServer({
        backend,
        config: {
          trust_proxy: true,
          chaton: { name: 'Chaton <des> Tests' },
          accounts: { open_signup: true },
          limits: { auth_attempts: 50 },
          mail: { ...smtp.config(), resets_per_hour: 2 },
        },
      });
    });
    after(async () => {
      await server.close();
      await smtp.stop();
    });
    beforeEach(() => {
      smtp.inbox.length = 0;
    });

    it('sends a reset link in the member’s language; the link works once and sets the new password', async () => {
      // The member gives an address on their account page, browsing in English.
      const { client, id, username } = await loggedInClient(server, 'member', { headers: { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.1' } });
      const page = await client.get('/account');
      assert.match(textOf(page.text), /No e-mail address/);
      const saved = await client.submit('/account', { email: ' Alice.Reset@Example.org ', password: PASSWORD }, '/account/email');
      assert.equal(saved.status, 303);
      assert.match(textOf((await client.get('/account?done=email')).text), /Address: alice\.reset@example\.org/);

      const visitor = new TestClient(server.url, { 'accept-language': 'fr', 'x-forwarded-for': '203.0.113.2' });
      assert.match((await visitor.get('/login')).text, /href="\/forgot"/);
      const res = await visitor.submit('/forgot', { email: 'ALICE.reset@example.org' });
      assert.equal(res.status, 200);
      assert.match(textOf(res.text), /Si un compte a l’adresse alice\.reset@example\.org/);

      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['alice.reset@example.org']);
      assert.equal(mail!.subject, 'Chaton <des> Tests: choose a new password', 'in the member’s language (English), not the visitor’s');
      assert.match(mail!.text, new RegExp(`Hello ${username},`));
      assert.match(mail!.html, /Chaton &lt;des(&gt;|>) Tests/, 'the HTML part is escaped');
      assert.doesNotMatch(mail!.html, /<des>/);
      assert.doesNotMatch(mail!.html, /<img|<script|style=/i);
      const link = linkIn(mail!.text, 'reset');
      assert.ok(mail!.html.includes(link), 'the same link in the HTML part');
      assert.ok(mail!.text.includes(`${server.url.replace('127.0.0.1', 'localhost')}${link}`), 'the link is built from the public address');

      const stored = await server.core.db.selectFrom('mail_queue').select(['payload', 'sent_at']).execute();
      assert.ok(stored.every((r) => !r.payload.includes(link.slice(7))), 'the queue never holds the link in clear');

      const form = await visitor.get(link);
      assert.equal(form.status, 200);
      assert.equal((await visitor.submit(link, { password: NEW_PASSWORD, password2: NEW_PASSWORD })).status, 303);
      const again = await new TestClient(server.url, { 'x-forwarded-for': '203.0.113.3' }).get(link);
      assert.equal(again.status, 410, 'the link works once');
      const login = await new TestClient(server.url, { 'x-forwarded-for': '203.0.113.4' }).submit('/login', { username, password: NEW_PASSWORD });
      assert.equal(login.status, 303, 'the new password opens the account');
      assert.ok(id);
    });

    it('answers the same for an unknown address, and sends nothing', async () => {
      const member = await makeMember(server.core.db, 'connu');
      await setEmail(server.core.db, member.id, 'connu@example.org', 'fr');
      const visitor = new TestClient(server.url, { 'accept-language': 'fr', 'x-forwarded-for': '203.0.113.10' });
      const known = await visitor.submit('/forgot', { email: 'connu@example.org' });
      await smtp.waitFor(1);
      const unknown = await visitor.submit('/forgot', { email: 'inconnu@example.org' });
      await server.core.mail.idle();
      assert.equal(known.status, unknown.status);
      assert.equal(textOf(known.text).replace('connu@', 'X@'), textOf(unknown.text).replace('inconnu@', 'X@'));
      assert.equal(smtp.inbox.length, 1);
      const bad = await visitor.submit('/forgot', { email: 'pas une adresse' });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.text), /Cette adresse électronique n’est pas valable/);
    });

    it('sends at most mail.resets_per_hour links to one account, with the same answer', async () => {
      const member = await makeMember(server.core.db, 'presse');
      await setEmail(server.core.db, member.id, 'presse@example.org', 'fr');
      const answers: string[] = [];
      for (let i = 0; i < 4; i++) {
        const visitor = new TestClient(server.url, { 'accept-language': 'fr', 'x-forwarded-for': `203.0.113.${20 + i}` });
        const res = await visitor.submit('/forgot', { email: 'presse@example.org' });
        assert.equal(res.status, 200);
        answers.push(textOf(res.text));
      }
      await server.core.mail.idle();
      await smtp.waitFor(2);
      assert.equal(new Set(answers).size, 1, 'the same answer every time');
      assert.equal(smtp.inbox.length, 2);
    });

    it('notifies admins with an address of a signup waiting for admission, and logs it', async () => {
      const admin = await makeMember(server.core.db, 'veilleuse', { role: 'admin' });
      await setEmail(server.core.db, admin.id, 'veilleuse@example.org', 'en');
      const visitor = new TestClient(server.url, { 'x-forwarded-for': '203.0.113.30' });
      const res = await visitor.submit('/signup', { username: 'nouvelle', password: PASSWORD, password2: PASSWORD });
      assert.equal(res.status, 303);
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['veilleuse@example.org']);
      assert.match(mail!.subject, /an account is waiting for admission/);
      assert.match(mail!.text, /“nouvelle”/);
      assert.match(mail!.text, /\/admin\/members/);
      const entry = (await readAudit(server.core.db, { limit: 20 })).find((e) => e.action === 'member.signup');
      assert.deepEqual(entry?.detail, { name: 'nouvelle', via: 'signup' });
      assert.equal(entry?.actorName, 'nouvelle');
    });

    it('sends an invitation from the admin page and logs its use', async () => {
      const { client } = await loggedInClient(server, 'admin', { headers: { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.40' } });
      const joined = await makeMember(server.core.db, 'joignable');
      await setEmail(server.core.db, joined.id, 'joignable@example.org', 'fr');
      assert.match(textOf((await client.get(`/admin/members/${joined.id}`)).text), /Address: joignable@example\.org/, 'admins see a member’s address');
      const form = await client.get('/admin/invitations');
      assert.match(form.text, /name="email"/);
      const res = await client.submit('/admin/invitations', { role: 'member', group: '', note: 'Zoé', days: '3', email: 'zoe@example.org', lang: 'fr' });
      assert.equal(res.status, 200);
      assert.match(textOf(res.text), /on its way by e-mail to zoe@example\.org/);
      const shown = /<code class="link">([^<]+)<\/code>/.exec(res.text)?.[1];
      assert.ok(shown, 'the link is still shown for copying');
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['zoe@example.org']);
      assert.equal(mail!.subject, 'Chaton <des> Tests : vous êtes invité·e');
      const link = linkIn(mail!.text, 'invite');
      assert.ok(shown.endsWith(link));
      const invitee = new TestClient(server.url, { 'x-forwarded-for': '203.0.113.41' });
      assert.equal((await invitee.get(link)).status, 200);
      assert.equal((await invitee.submit(link, { username: 'zoe', password: PASSWORD, password2: PASSWORD })).status, 303);
      const used = (await readAudit(server.core.db, { limit: 20 })).find((e) => e.action === 'invitation.use');
      assert.equal(used?.detail.member, 'zoe');
      assert.match(String(used?.detail.invitation), /^invitation:/);
    });

    it('keeps the message through an outage and delivers it on retry', async () => {
      const member = await makeMember(server.core.db, 'patiente');
      await setEmail(server.core.db, member.id, 'patiente@example.org', 'fr');
      await smtp.stop();
      const visitor = new TestClient(server.url, { 'x-forwarded-for': '203.0.113.50' });
      assert.equal((await visitor.submit('/forgot', { email: 'patiente@example.org' })).status, 200);
      await server.core.mail.idle();
      const queued = await server.core.db.selectFrom('mail_queue').selectAll().where('recipient', '=', 'patiente@example.org').executeTakeFirstOrThrow();
      assert.equal(queued.sent_at, null);
      assert.equal(Number(queued.attempts), 1);
      assert.ok(queued.last_error, 'the error is kept');
      assert.ok(Number(queued.next_attempt_at) > Date.now(), 'the next try waits');
      assert.deepEqual(await server.core.mail.stats(), { waiting: 1, failed: 0 });
      const admin = await loggedInClient(server, 'admin', { headers: { 'accept-language': 'en', 'x-forwarded-for': '203.0.113.51' } });
      assert.match(textOf((await admin.client.get('/admin')).text), /E-mail: 1 waiting, 0 given up/);

      await smtp.start();
      assert.equal(await server.core.mail.drain(), 0, 'not before its time');
      assert.equal(await server.core.mail.drain(Number(queued.next_attempt_at)), 1, 'delivered on the retry');
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['patiente@example.org']);
      const sent = await server.core.db.selectFrom('mail_queue').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
      assert.ok(sent.sent_at);
      assert.equal(sent.payload, '', 'the content is not kept once sent');
      assert.deepEqual(await server.core.mail.stats(), { waiting: 0, failed: 0 });
    });

    it('never writes the SMTP password where it could be read', async () => {
      const rows = await server.core.db.selectFrom('mail_queue').select(['payload', 'last_error']).execute();
      for (const r of rows) assert.ok(!`${r.payload} ${r.last_error}`.includes(SMTP_PASSWORD));
    });
  });
}

describe('the forgotten password form and the account forms budget', () => {
  const smtp = new TestSmtp();
  let server: TestServer;
  before(async () => {
    await smtp.start();
    server = await startTestServer({ config: { trust_proxy: true, limits: { auth_attempts: 2 }, mail: smtp.config() } });
  });
  after(async () => {
    await server.close();
    await smtp.stop();
  });

  it('refuses a third try from one address within 15 minutes, whatever the e-mail address', async () => {
    const visitor = new TestClient(server.url, { 'accept-language': 'en', 'x-forwarded-for': '198.51.100.60' });
    assert.equal((await visitor.submit('/forgot', { email: 'a@example.org' })).status, 200);
    assert.equal((await visitor.submit('/forgot', { email: 'b@example.org' })).status, 200);
    const blocked = await visitor.submit('/forgot', { email: 'c@example.org' });
    assert.equal(blocked.status, 429);
    assert.match(textOf(blocked.text), /Too many attempts/);
    const other = new TestClient(server.url, { 'accept-language': 'en', 'x-forwarded-for': '198.51.100.61' });
    assert.equal((await other.submit('/forgot', { email: 'c@example.org' })).status, 200, 'another address is not blocked');
  });
});

describe('a message the mail server never takes', () => {
  const smtp = new TestSmtp();
  let server: TestServer;
  before(async () => {
    await smtp.start();
    await smtp.stop(); // its port now refuses connections
    server = await startTestServer({ config: { mail: { ...smtp.config(), max_attempts: 2, retry_seconds: 60, keep_days: 1 } } });
  });
  after(() => server.close());

  it('is given up after mail.max_attempts, without its content, shown as such, then forgotten', async () => {
    const { mail, db } = server.core;
    const start = Date.now();
    assert.equal(await mail.enqueue('nobody@example.org', 'fr', { kind: 'test' }), true);
    assert.equal(await mail.drain(start), 0);
    let row = await db.selectFrom('mail_queue').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(row.attempts), 1);
    assert.equal(Number(row.next_attempt_at) - start >= 60_000, true, 'the first retry waits retry_seconds');
    assert.equal(await mail.drain(Number(row.next_attempt_at)), 0);
    row = await db.selectFrom('mail_queue').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(row.attempts), 2);
    assert.ok(row.failed_at, 'given up');
    assert.equal(row.payload, '');
    assert.match(row.last_error ?? '', /ECONNREFUSED/);
    assert.deepEqual(await mail.stats(), { waiting: 0, failed: 1 });
    assert.equal(await mail.drain(Number(row.failed_at) + 3600_000), 0, 'never tried again');
    await mail.purge(Number(row.failed_at) + 3600_000);
    assert.equal((await mail.stats()).failed, 1, 'kept keep_days');
    await mail.purge(Number(row.failed_at) + 25 * 3600_000);
    assert.equal(await db.selectFrom('mail_queue').select('id').executeTakeFirst(), undefined);
  });
});

describe('without [mail]', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ config: { accounts: { open_signup: true } } });
  });
  after(() => server.close());

  it('works as before: no reset link by e-mail, the address is still an account field', async () => {
    const visitor = new TestClient(server.url, { 'accept-language': 'en' });
    const login = await visitor.get('/login');
    assert.doesNotMatch(login.text, /href="\/forgot"/);
    assert.match(textOf(login.text), /Ask the chaton’s team for a link/);
    const forgot = await visitor.get('/forgot');
    assert.match(textOf(forgot.text), /This chaton sends no e-mail/);
    assert.doesNotMatch(forgot.text, /name="email"/);
    const { client } = await loggedInClient(server, 'admin', { headers: { 'accept-language': 'en' } });
    assert.doesNotMatch((await client.get('/admin/invitations')).text, /name="email"/);
    assert.match(textOf((await client.get('/admin')).text), /E-mail: not configured/);
    assert.equal((await client.submit('/account', { email: 'moi@example.org', password: PASSWORD }, '/account/email')).status, 303);
    assert.equal(await server.core.db.selectFrom('mail_queue').select('id').executeTakeFirst(), undefined);
  });
});

describe('chaton mail test', () => {
  const smtp = new TestSmtp();
  let dir: string;
  before(async () => {
    await smtp.start();
    dir = await mkdtemp(join(tmpdir(), 'chaton-mail-cli-'));
  });
  after(() => smtp.stop());

  /** Runs the command without blocking this process (its SMTP server must answer meanwhile). */
  function chaton(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', import.meta.resolve('tsx'), resolve('src/cli/main.ts'), ...args],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TSX_TSCONFIG_PATH: resolve('tsconfig.json'), CHATON_SECRETS_SESSION: 'x'.repeat(40), ...env }, timeout: 60_000 },
        (error, out, err) => done({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });
  }
  const mailEnv = (port: number, password = SMTP_PASSWORD) => ({
    CHATON_MAIL_HOST: '127.0.0.1', CHATON_MAIL_PORT: String(port), CHATON_MAIL_SECURITY: 'none', CHATON_MAIL_USER: 'chaton@example.org',
    CHATON_MAIL_PASSWORD: password, CHATON_MAIL_FROM: 'noreply@example.org', CHATON_MAIL_TIMEOUT_SECONDS: '5', CHATON_CHATON_NAME: 'Chaton CLI',
  });

  it('sends a test e-mail now and says so', async () => {
    const r = await chaton(['mail', 'test', 'admin@example.org', '--lang', 'en'], mailEnv(smtp.port));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Sent a test e-mail to admin@example\.org through 127\.0\.0\.1:\d+/);
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.subject, 'Chaton CLI: test e-mail');
  });

  it('prints the SMTP server’s refusal, without the password', async () => {
    const r = await chaton(['mail', 'test', 'admin@example.org'], mailEnv(smtp.port, 'wrong-password-123'));
    assert.equal(r.code, 1);
    assert.match(r.err, /Could not send through 127\.0\.0\.1:\d+: .*Invalid username or password/);
    assert.doesNotMatch(r.out + r.err, /wrong-password-123/);
  });

  it('says when e-mail is not configured', async () => {
    const r = await chaton(['mail', 'test', 'admin@example.org'], {});
    assert.equal(r.code, 2);
    assert.match(r.err, /E-mail is not configured/);
  });
});
