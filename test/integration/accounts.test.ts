// Accounts, the public side: first admin setup link, login and logout, sessions, signup (closed and
// open, with the member charter), my account (export, password, deletion), CSRF, malformed forms.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, csrfToken, textOf, type Response } from '../helpers/client.js';
import { issueSetupToken } from '../../src/portal/accounts/setup-link.js';
import { createMember } from '../../src/portal/accounts/members.js';
import { publishCharter } from '../../src/portal/charters/store.js';
import { SYSTEM } from '../../src/portal/audit.js';
import type { Db } from '../../src/storage/database.js';

const PASSWORD = 'un mot de passe assez long';

async function login(client: TestClient, username: string, password = PASSWORD, next?: string): Promise<Response> {
  return client.submit('/login', { username, password, ...(next ? { next } : {}) });
}

function sessionCookie(res: Response): string {
  return res.headers.getSetCookie().find((c) => c.startsWith('chaton_session=')) ?? '';
}

async function member(db: Db, username: string) {
  return db.selectFrom('members').selectAll().where('username', '=', username).executeTakeFirst();
}

async function auditActions(db: Db): Promise<string[]> {
  return (await db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
}

for (const backend of backends()) {
  describe(`accounts: setup, login, my account (${backend})`, () => {
    let server: TestServer;
    let db: Db;
    before(async () => {
      server = await startTestServer({ backend, config: { limits: { auth_attempts: 1000 } } });
      db = server.core.db;
    });
    after(() => server.close());

    it('refuses an expired or wrong setup link with a clear page', async () => {
      const old = await issueSetupToken(db, server.config.secrets.session, Date.now() - 25 * 3600 * 1000);
      assert.ok(old);
      const expired = await new TestClient(server.url).get(`/setup/${old}`);
      assert.equal(expired.status, 410);
      assert.match(textOf(expired.text), /a expiré/);
      const wrong = await new TestClient(server.url).get('/setup/not-the-token');
      assert.equal(wrong.status, 404);
      assert.match(textOf(wrong.text), /n’est pas valable/);
    });

    it('creates the first admin once with the setup link, and refuses a second use', async () => {
      const token = await issueSetupToken(db, server.config.secrets.session);
      assert.ok(token);
      const client = new TestClient(server.url);
      const form = await client.get(`/setup/${token}`);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="username"/);
      assert.match(form.text, /name="password2"/);

      const mismatch = await client.submit(`/setup/${token}`, { username: 'Camille', display_name: 'Camille', password: PASSWORD, password2: 'autre chose encore' });
      assert.equal(mismatch.status, 422);
      assert.match(textOf(mismatch.text), /ne sont pas identiques/);
      assert.match(mismatch.text, /value="Camille"/);
      assert.doesNotMatch(mismatch.text, new RegExp(PASSWORD));

      const done = await client.submit(`/setup/${token}`, { username: 'Camille', display_name: 'Camille', password: PASSWORD, password2: PASSWORD });
      assert.equal(done.status, 303);
      assert.equal(done.location, '/admin');
      const admin = await member(db, 'camille');
      assert.equal(admin?.role, 'admin');
      assert.equal(admin?.admitted, 1);
      assert.notEqual(admin?.password_hash, PASSWORD);
      const account = await client.get('/account');
      assert.equal(account.status, 200);
      assert.match(textOf(account.text), /camille/);
      assert.ok((await auditActions(db)).includes('member.create'));

      const again = new TestClient(server.url);
      assert.equal((await again.get(`/setup/${token}`)).status, 410);
      const form2 = await again.get('/login');
      const post = await again.post(`/setup/${token}`, { _csrf: csrfToken(form2.text)!, username: 'mallory', password: PASSWORD, password2: PASSWORD });
      assert.equal(post.status, 410);
      assert.equal(await member(db, 'mallory'), undefined);
    });

    it('logs in with the right password only, with one generic message for every failure', async () => {
      await createMember(db, { username: 'alice', displayName: 'Alice', password: PASSWORD, role: 'member' });
      const client = new TestClient(server.url);
      const wrong = await login(client, 'alice', 'pas le bon mot de passe');
      assert.equal(wrong.status, 401);
      assert.match(textOf(wrong.text), /Nom d’utilisateur ou mot de passe incorrect/);
      assert.match(wrong.text, /name="username"[^>]*value="alice"/);
      assert.equal(sessionCookie(wrong), '');
      const unknown = await login(client, 'nobody', PASSWORD);
      assert.equal(unknown.status, 401);
      assert.equal(textOf(unknown.text).match(/Nom d’utilisateur ou mot de passe incorrect/)?.[0], 'Nom d’utilisateur ou mot de passe incorrect');
      assert.equal((await client.get('/account')).status, 303);

      const ok = await login(client, 'Alice', PASSWORD, '/account');
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/account');
      const cookie = sessionCookie(ok);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(cookie, /Secure/i);
      const account = await client.get('/account');
      assert.equal(account.status, 200);
      assert.match(textOf(account.text), /Mon compte \(Alice\)/);
      assert.ok((await member(db, 'alice'))?.last_login_at);
    });

    it('gives a new session id at login and refuses to redirect off-site', async () => {
      const client = new TestClient(server.url);
      await login(client, 'alice');
      const first = client.cookies.get('chaton_session');
      const res = await client.post('/login', { _csrf: csrfToken((await client.get('/account')).text)!, username: 'alice', password: PASSWORD, next: '//evil.example/' });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/');
      assert.ok(first);
      assert.notEqual(client.cookies.get('chaton_session'), first);
    });

    it('logs out', async () => {
      const client = new TestClient(server.url);
      await login(client, 'alice');
      assert.equal((await client.get('/account')).status, 200);
      const out = await client.submit('/account', {}, '/logout');
      assert.equal(out.status, 303);
      const after = await client.get('/account');
      assert.equal(after.status, 303);
      assert.match(after.location ?? '', /^\/login\?next=/);
    });

    it('refuses a POST without its CSRF token', async () => {
      const client = new TestClient(server.url);
      await login(client, 'alice');
      const res = await client.post('/account/profile', { display_name: 'Piratée' });
      assert.equal(res.status, 403);
      assert.match(textOf(res.text), /Ce formulaire a expiré/);
      assert.equal((await member(db, 'alice'))?.display_name, 'Alice');
      assert.equal((await new TestClient(server.url).post('/login', { username: 'alice', password: PASSWORD })).status, 403);
    });

    it('answers malformed forms with 400 and a message, never a 500', async () => {
      const client = new TestClient(server.url);
      const missing = await client.submit('/login', { username: 'alice' });
      assert.equal(missing.status, 400);
      assert.match(textOf(missing.text), /Le champ « Mot de passe » manque/);
      const huge = await client.submit('/login', { username: 'a'.repeat(100_000), password: PASSWORD });
      assert.equal(huge.status, 400);
      assert.match(textOf(huge.text), /trop long/);
      const twice = await client.submit('/login', { username: ['alice', 'bob'], password: PASSWORD });
      assert.equal(twice.status, 400);
      const tooBig = await client.submit('/login', { username: 'alice', password: 'x'.repeat(2 * 1024 * 1024) });
      assert.equal(tooBig.status, 413);

      await login(client, 'alice');
      const noFields = await client.submit('/account', {}, '/account/password');
      assert.equal(noFields.status, 400);
      assert.match(textOf(noFields.text), /manque/);
      const json = await client.request('POST', '/account/password', { body: '[1,2]', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken((await client.get('/account')).text)! } });
      assert.equal(json.status, 400);
    });

    it('shows no signup form while signup is by invitation', async () => {
      const client = new TestClient(server.url);
      const page = await client.get('/signup');
      assert.equal(page.status, 403);
      assert.doesNotMatch(page.text, /name="username"/);
      assert.match(textOf(page.text), /invitation/);
      const post = await client.submit('/login', { username: 'eve', password: PASSWORD, password2: PASSWORD }, '/signup');
      assert.equal(post.status, 403);
      assert.equal(await member(db, 'eve'), undefined);
      assert.match(textOf((await client.get('/login')).text), /sur invitation/);
    });

    it('changes the display name and the password (current one required)', async () => {
      await createMember(db, { username: 'dominique', password: PASSWORD, role: 'member' });
      const client = new TestClient(server.url);
      const other = new TestClient(server.url);
      await login(client, 'dominique');
      await login(other, 'dominique');
      const name = await client.submit('/account', { display_name: 'Dominique L.' }, '/account/profile');
      assert.equal(name.status, 303);
      assert.match(textOf((await client.get(name.location!)).text), /Votre nom affiché est enregistré/);
      assert.equal((await member(db, 'dominique'))?.display_name, 'Dominique L.');

      const newPassword = 'une toute nouvelle phrase';
      const wrong = await client.submit('/account', { current: 'pas le bon du tout', password: newPassword, password2: newPassword }, '/account/password');
      assert.equal(wrong.status, 422);
      assert.match(textOf(wrong.text), /mot de passe actuel n’est pas le bon/);
      const short = await client.submit('/account', { current: PASSWORD, password: 'court', password2: 'court' }, '/account/password');
      assert.equal(short.status, 422);
      const ok = await client.submit('/account', { current: PASSWORD, password: newPassword, password2: newPassword }, '/account/password');
      assert.equal(ok.status, 303);
      assert.equal((await client.get('/account')).status, 200, 'this device stays logged in');
      assert.equal((await other.get('/account')).status, 303, 'other devices are logged out');
      assert.equal((await login(new TestClient(server.url), 'dominique', PASSWORD)).status, 401);
      assert.equal((await login(new TestClient(server.url), 'dominique', newPassword)).status, 303);
    });

    it('exports the member’s data as JSON, without the password hash', async () => {
      const id = await createMember(db, { username: 'gaelle', displayName: 'Gaëlle', password: PASSWORD, role: 'member' });
      await db.insertInto('groups').values({ id: 'g-asso', name: 'Asso du quartier', description: 'Une association', created_at: Date.now() }).execute();
      await db.insertInto('member_groups').values({ member_id: id, group_id: 'g-asso' }).execute();
      await db.insertInto('charter_acceptances').values({ member_id: id, kind: 'member', version: 1, accepted_at: Date.now() }).execute();
      const client = new TestClient(server.url);
      await login(client, 'gaelle');
      const res = await client.get('/account/export.json');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="chaton-gaelle.json"/);
      const data = res.json<{ profile: { username: string; displayName: string; role: string }; groups: { name: string }[]; charterAcceptances: { kind: string; version: number }[]; sessions: { count: number }; services: object }>();
      assert.equal(data.profile.username, 'gaelle');
      assert.equal(data.profile.displayName, 'Gaëlle');
      assert.equal(data.profile.role, 'member');
      assert.deepEqual(data.groups.map((g) => g.name), ['Asso du quartier']);
      assert.deepEqual(data.charterAcceptances.map((a) => [a.kind, a.version]), [['member', 1]]);
      assert.equal(data.sessions.count, 1);
      assert.deepEqual(data.services, {});
      assert.doesNotMatch(res.text, /argon2|password/i);
      assert.equal((await new TestClient(server.url).get('/account/export.json')).status, 303);
    });

    it('deletes my account with my password, and logs me out', async () => {
      const id = await createMember(db, { username: 'henri', password: PASSWORD, role: 'member' });
      const client = new TestClient(server.url);
      await login(client, 'henri');
      const wrong = await client.submit('/account', { password: 'pas le bon du tout' }, '/account/delete');
      assert.equal(wrong.status, 422);
      assert.ok(await member(db, 'henri'));
      const res = await client.submit('/account', { password: PASSWORD }, '/account/delete');
      assert.equal(res.status, 200);
      assert.match(textOf(res.text), /Votre compte a été supprimé/);
      assert.equal(await member(db, 'henri'), undefined);
      assert.equal((await db.selectFrom('sessions').select('id').where('member_id', '=', id).execute()).length, 0);
      assert.equal((await client.get('/account')).status, 303);
      assert.equal((await login(new TestClient(server.url), 'henri')).status, 401);
      const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'member.delete').where('target', '=', 'henri').executeTakeFirst();
      assert.ok(entry);
    });

    it('does not let the last admin delete their account', async () => {
      const client = new TestClient(server.url);
      await login(client, 'camille');
      const page = await client.get('/account');
      assert.match(textOf(page.text), /seule personne à administrer/);
      const res = await client.post('/account/delete', { _csrf: csrfToken(page.text)!, password: PASSWORD });
      assert.equal(res.status, 409);
      assert.match(textOf(res.text), /seule personne à administrer/);
      assert.ok(await member(db, 'camille'));
    });
  });

  describe(`accounts: open signup, charter, secure cookie, rate limit (${backend})`, () => {
    let server: TestServer;
    let db: Db;
    // Each test speaks from its own (trusted, proxied) address, so the rate limits don't mix.
    const from = (ip: string, extra: Record<string, string> = {}) => new TestClient(server.url, { 'x-forwarded-for': ip, ...extra });
    before(async () => {
      server = await startTestServer({ backend, config: { trust_proxy: true, accounts: { open_signup: true }, limits: { auth_attempts: 3 } } });
      db = server.core.db;
    });
    after(() => server.close());

    it('makes accounts through open signup that wait for admission', async () => {
      const client = from('203.0.113.1');
      const page = await client.get('/signup?next=/account');
      assert.equal(page.status, 200);
      assert.match(page.text, /name="username"/);
      assert.doesNotMatch(page.text, /name="charter"/);
      const taken = await createMember(db, { username: 'pris', password: PASSWORD, role: 'member' });
      assert.ok(taken);
      const dup = await client.submit('/signup', { username: 'pris', password: PASSWORD, password2: PASSWORD });
      assert.equal(dup.status, 409);
      assert.match(textOf(dup.text), /déjà pris/);
      const res = await client.submit('/signup', { username: 'ines', display_name: 'Inès', password: PASSWORD, password2: PASSWORD });
      assert.equal(res.status, 303);
      const row = await member(db, 'ines');
      assert.equal(row?.admitted, 0);
      assert.equal(row?.role, 'member');
      const account = await client.get('/account');
      assert.equal(account.status, 200);
      assert.match(textOf(account.text), /attend d’être accepté/);
    });

    it('requires the current member charter at signup', async () => {
      await publishCharter(db, SYSTEM, 'member', '# Charte\n\nSoyons courtois.', 'Première version');
      const client = from('203.0.113.2');
      const page = await client.get('/signup');
      assert.match(page.text, /name="charter"/);
      assert.match(page.text, /name="charter_version" value="1"/);
      assert.match(textOf(page.text), /J’ai lu et j’accepte la charte des membres \(version 1\)/);
      const unticked = await client.submit('/signup', { username: 'jules', password: PASSWORD, password2: PASSWORD, charter_version: '1' });
      assert.equal(unticked.status, 422);
      assert.match(textOf(unticked.text), /accepter la charte/);
      assert.match(unticked.text, /value="jules"/);
      await publishCharter(db, SYSTEM, 'member', '# Charte\n\nSoyons courtois et patients.', 'Deuxième version');
      const stale = await client.submit('/signup', { username: 'jules', password: PASSWORD, password2: PASSWORD, charter: 'yes', charter_version: '1' });
      assert.equal(stale.status, 409);
      assert.match(textOf(stale.text), /vient de changer \(version 2\)/);
      assert.match(stale.text, /name="charter_version" value="2"/);
      assert.equal(await member(db, 'jules'), undefined);

      const ok = await from('203.0.113.3').submit('/signup', { username: 'jules', password: PASSWORD, password2: PASSWORD, charter: 'yes', charter_version: '2' });
      assert.equal(ok.status, 303);
      const jules = await member(db, 'jules');
      assert.ok(jules);
      const accepted = await db.selectFrom('charter_acceptances').selectAll().where('member_id', '=', jules.id).execute();
      assert.deepEqual(accepted.map((a) => [a.kind, Number(a.version)]), [['member', 2]]);
    });

    it('sends a member with a new charter to accept it after login', async () => {
      const client = from('203.0.113.4');
      const res = await login(client, 'ines', PASSWORD, '/account');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/charters/accept?next=%2Faccount');
    });

    it('marks the session cookie Secure behind a trusted HTTPS proxy', async () => {
      const client = from('203.0.113.5', { 'x-forwarded-proto': 'https' });
      const res = await login(client, 'jules');
      assert.equal(res.status, 303);
      const cookie = sessionCookie(res);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
    });

    it('answers 429 after auth_attempts login attempts', async () => {
      const client = from('198.51.100.9');
      for (let i = 0; i < 3; i++) assert.equal((await login(client, 'jules', 'mauvais mot de passe')).status, 401);
      const blocked = await login(client, 'jules', PASSWORD);
      assert.equal(blocked.status, 429);
      assert.match(textOf(blocked.text), /Trop de tentatives/);
      assert.equal((await login(from('198.51.100.10'), 'jules', PASSWORD)).status, 303, 'another address is not blocked');
    });
  });
}
