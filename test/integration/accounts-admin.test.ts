// Accounts, the admin side: invitations (signup with a link, used, expired, revoked), password reset
// links, the members list and a member's page (role, admission, groups, deletion), groups, the audit.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startTestServer, type TestServer } from '../helpers/server.js';
import { TestClient, csrfToken, textOf, type Response } from '../helpers/client.js';
import { createMember } from '../../src/portal/accounts/members.js';
import type { Db } from '../../src/storage/database.js';

const PASSWORD = 'un mot de passe assez long';

async function login(client: TestClient, username: string, password = PASSWORD): Promise<Response> {
  return client.submit('/login', { username, password });
}

async function member(db: Db, username: string) {
  return db.selectFrom('members').selectAll().where('username', '=', username).executeTakeFirst();
}

async function audited(db: Db, action: string, target?: string) {
  let q = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (target) q = q.where('target', '=', target);
  return q.orderBy('id', 'desc').executeTakeFirst();
}

/** The one-time link shown on a page after making it. */
function linkIn(html: string, kind: 'invite' | 'reset'): string {
  const token = new RegExp(`/${kind}/([A-Za-z0-9_-]{20,})`).exec(html)?.[1];
  assert.ok(token, `no /${kind}/ link on the page`);
  return `/${kind}/${token}`;
}

for (const backend of backends()) {
  describe(`accounts admin pages (${backend})`, () => {
    let server: TestServer;
    let db: Db;
    let admin: TestClient;
    let groupId = '';

    const invite = async (fields: Record<string, string>): Promise<string> => {
      const res = await admin.submit('/admin/invitations', { role: 'member', group: '', note: '', days: '7', ...fields });
      assert.equal(res.status, 200);
      return linkIn(res.text, 'invite');
    };
    const memberPage = async (username: string) => `/admin/members/${(await member(db, username))!.id}`;

    before(async () => {
      server = await startTestServer({ backend, config: { limits: { auth_attempts: 1000 } } });
      db = server.core.db;
      await createMember(db, { username: 'root', displayName: 'Root', password: PASSWORD, role: 'admin' });
      admin = new TestClient(server.url);
      assert.equal((await login(admin, 'root')).status, 303);
    });
    after(() => server.close());

    it('keeps the admin pages for admins', async () => {
      const anonymous = await new TestClient(server.url).get('/admin/members');
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.location ?? '', /^\/login/);
      await createMember(db, { username: 'lambda', password: PASSWORD, role: 'member' });
      const plain = new TestClient(server.url);
      await login(plain, 'lambda');
      assert.equal((await plain.get('/admin/members')).status, 403);
      assert.equal((await plain.get('/admin/invitations')).status, 403);
      const page = await admin.get('/admin/members');
      assert.equal(page.status, 200);
      assert.match(page.text, /class="admin-nav"/);
    });

    it('does not let the last admin be demoted', async () => {
      const page = await memberPage('root');
      const res = await admin.submit(page, { role: 'member' }, `${page}/role`);
      assert.equal(res.status, 409);
      assert.match(textOf(res.text), /dernier compte d’administration/);
      assert.equal((await member(db, 'root'))?.role, 'admin');
      const del = await admin.submit(page, { confirm: 'yes' }, `${page}/delete`);
      assert.equal(del.status, 409);
      assert.ok(await member(db, 'root'));
    });

    it('creates, renames and lists groups', async () => {
      const created = await admin.submit('/admin/groups', { name: 'Les Amis du Vélo', description: 'Association' });
      assert.equal(created.status, 303);
      groupId = decodeURIComponent(/\/admin\/groups\/([^?]+)/.exec(created.location ?? '')?.[1] ?? '');
      assert.ok(groupId);
      assert.ok(await audited(db, 'group.create', 'Les Amis du Vélo'));
      const dup = await admin.submit('/admin/groups', { name: 'Les Amis du Vélo', description: '' });
      assert.equal(dup.status, 409);
      const empty = await admin.submit('/admin/groups', { name: '   ', description: '' });
      assert.equal(empty.status, 422);
      const renamed = await admin.submit(`/admin/groups/${groupId}`, { name: 'Amis du Vélo', description: 'Association cycliste' });
      assert.equal(renamed.status, 303);
      assert.ok(await audited(db, 'group.update', 'Amis du Vélo'));
      assert.match(textOf((await admin.get('/admin/groups')).text), /Amis du Vélo Association cycliste 0/);
    });

    it('invites a member into a group, who signs up and logs in; the link works once', async () => {
      const link = await invite({ group: groupId, note: 'Pour Jeanne' });
      const inv = await audited(db, 'invitation.create');
      assert.ok(inv);
      assert.equal(JSON.parse(inv.detail).note, 'Pour Jeanne');
      const token = link.split('/')[2]!;
      assert.equal((await db.selectFrom('invitations').select('token_hash').where('token_hash', '=', token).execute()).length, 0, 'the token is stored hashed');
      assert.match(textOf((await admin.get('/admin/invitations')).text), /Pour Jeanne Membre Amis du Vélo root, .* En attente/);

      const jeanne = new TestClient(server.url);
      const form = await jeanne.get(link);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="username"/);
      const res = await jeanne.submit(link, { username: 'jeanne', display_name: 'Jeanne', password: PASSWORD, password2: PASSWORD });
      assert.equal(res.status, 303);
      const row = await member(db, 'jeanne');
      assert.equal(row?.role, 'member');
      assert.equal(row?.admitted, 1);
      const groups = await db.selectFrom('member_groups').select('group_id').where('member_id', '=', row!.id).execute();
      assert.deepEqual(groups.map((g) => g.group_id), [groupId]);
      assert.equal((await jeanne.get('/account')).status, 200);
      assert.match(textOf((await admin.get('/admin/invitations')).text), /Utilisée par jeanne/);

      const fresh = new TestClient(server.url);
      assert.equal((await login(fresh, 'jeanne')).status, 303);

      const again = new TestClient(server.url);
      const used = await again.get(link);
      assert.equal(used.status, 410);
      assert.match(textOf(used.text), /a déjà servi/);
      const post = await again.post(link, { _csrf: csrfToken((await again.get('/login')).text)!, username: 'intrus', password: PASSWORD, password2: PASSWORD });
      assert.equal(post.status, 410);
      assert.equal(await member(db, 'intrus'), undefined);
    });

    it('lets only one of two simultaneous signups use an invitation', async () => {
      const link = await invite({ note: 'Une seule fois' });
      const [a, b] = [new TestClient(server.url), new TestClient(server.url)];
      const [tokenA, tokenB] = [csrfToken((await a.get(link)).text)!, csrfToken((await b.get(link)).text)!];
      const results = await Promise.all([
        a.post(link, { _csrf: tokenA, username: 'jumeau1', password: PASSWORD, password2: PASSWORD }),
        b.post(link, { _csrf: tokenB, username: 'jumeau2', password: PASSWORD, password2: PASSWORD }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [303, 410]);
      const made = await db.selectFrom('members').select('username').where('username', 'in', ['jumeau1', 'jumeau2']).execute();
      assert.equal(made.length, 1);
    });

    it('refuses expired, revoked and unknown invitation links', async () => {
      const expiring = await invite({ note: 'Trop tard' });
      await db.updateTable('invitations').set({ expires_at: Date.now() - 1000 }).where('note', '=', 'Trop tard').execute();
      const expired = await new TestClient(server.url).get(expiring);
      assert.equal(expired.status, 410);
      assert.match(textOf(expired.text), /a expiré/);
      const client = new TestClient(server.url);
      const post = await client.post(expiring, { _csrf: csrfToken((await client.get('/login')).text)!, username: 'tardif', password: PASSWORD, password2: PASSWORD });
      assert.equal(post.status, 410);
      assert.equal(await member(db, 'tardif'), undefined);
      assert.match(textOf((await admin.get('/admin/invitations')).text), /Trop tard .* Expirée le/);

      const revoking = await invite({ note: 'A annuler' });
      const list = await admin.get('/admin/invitations');
      const action = /action="(\/admin\/invitations\/[^"]+\/revoke)"/.exec(list.text)?.[1];
      assert.ok(action);
      const revoked = await admin.post(action.replace(/&amp;/g, '&'), { _csrf: csrfToken(list.text)! });
      assert.equal(revoked.status, 303);
      assert.ok(await audited(db, 'invitation.revoke'));
      const gone = await new TestClient(server.url).get(revoking);
      assert.equal(gone.status, 410);
      assert.match(textOf(gone.text), /annulée/);

      assert.equal((await new TestClient(server.url).get('/invite/nope-nope-nope')).status, 404);
    });

    it('invites an admin, and checks the invitation form', async () => {
      const link = await invite({ role: 'admin', days: '2' });
      const res = await new TestClient(server.url).submit(link, { username: 'paul', password: PASSWORD, password2: PASSWORD });
      assert.equal(res.status, 303);
      assert.equal((await member(db, 'paul'))?.role, 'admin');

      const badDays = await admin.submit('/admin/invitations', { role: 'member', group: '', note: '', days: 'beaucoup' });
      assert.equal(badDays.status, 422);
      assert.match(textOf(badDays.text), /nombre entier entre 1 et 365/);
      const badRole = await admin.submit('/admin/invitations', { role: 'root', group: '', note: '', days: '7' });
      assert.equal(badRole.status, 400);
      const hugeNote = await admin.submit('/admin/invitations', { role: 'member', group: '', note: 'n'.repeat(50_000), days: '7' });
      assert.equal(hugeNote.status, 400);
      const missing = await admin.submit('/admin/invitations', {});
      assert.equal(missing.status, 400);
      assert.match(textOf(missing.text), /manque/);
    });

    it('issues a reset link: new password works, old one does not, the link works once', async () => {
      const id = await createMember(db, { username: 'oubli', password: PASSWORD, role: 'member' });
      const phone = new TestClient(server.url);
      await login(phone, 'oubli');
      const page = `/admin/members/${id}`;
      const issued = await admin.submit(page, {}, `${page}/reset-link`);
      assert.equal(issued.status, 200);
      const link = linkIn(issued.text, 'reset');
      assert.ok(await audited(db, 'member.reset-link', id));

      const client = new TestClient(server.url);
      const form = await client.get(link);
      assert.equal(form.status, 200);
      assert.match(textOf(form.text), /oubli/);
      const mismatch = await client.submit(link, { password: 'nouvelle phrase secrète', password2: 'autre phrase secrète' });
      assert.equal(mismatch.status, 422);
      const newPassword = 'nouvelle phrase secrète';
      const done = await client.submit(link, { password: newPassword, password2: newPassword });
      assert.equal(done.status, 303);
      assert.equal((await client.get('/account')).status, 200);
      assert.equal((await phone.get('/account')).status, 303, 'the old sessions are ended');
      assert.equal((await login(new TestClient(server.url), 'oubli', PASSWORD)).status, 401);
      assert.equal((await login(new TestClient(server.url), 'oubli', newPassword)).status, 303);
      const reuse = await new TestClient(server.url).get(link);
      assert.equal(reuse.status, 410);
      assert.match(textOf(reuse.text), /a déjà servi/);
      assert.equal((await new TestClient(server.url).get('/reset/unknown-token-here')).status, 404);
    });

    it('lists and filters members', async () => {
      const all = textOf((await admin.get('/admin/members')).text);
      assert.match(all, /jeanne Jeanne Membre oui Amis du Vélo/);
      assert.match(all, /root Root Administration oui/);
      const filtered = textOf((await admin.get('/admin/members?q=JEAN')).text);
      assert.match(filtered, /jeanne/);
      assert.doesNotMatch(filtered, /root Root/);
    });

    it('changes role, admission and groups, audited, and ends sessions after a role change', async () => {
      const id = (await member(db, 'jeanne'))!.id;
      const page = `/admin/members/${id}`;
      const session = new TestClient(server.url);
      await login(session, 'jeanne');

      const admit = await admin.submit(page, { admitted: '0' }, `${page}/admit`);
      assert.equal(admit.status, 303);
      assert.equal((await member(db, 'jeanne'))?.admitted, 0);
      assert.ok(await audited(db, 'member.admit', 'jeanne'));
      assert.equal((await admin.submit(page, { admitted: 'peut-être' }, `${page}/admit`)).status, 400);

      const groups = await admin.submit(page, {}, `${page}/groups`);
      assert.equal(groups.status, 303);
      assert.equal((await db.selectFrom('member_groups').select('group_id').where('member_id', '=', id).execute()).length, 0);
      const back = await admin.submit(page, { group: [groupId, 'no-such-group'] }, `${page}/groups`);
      assert.equal(back.status, 303);
      assert.deepEqual((await db.selectFrom('member_groups').select('group_id').where('member_id', '=', id).execute()).map((g) => g.group_id), [groupId]);
      assert.ok(await audited(db, 'member.groups', 'jeanne'));

      assert.equal((await session.get('/account')).status, 200);
      const role = await admin.submit(page, { role: 'admin' }, `${page}/role`);
      assert.equal(role.status, 303);
      assert.equal((await member(db, 'jeanne'))?.role, 'admin');
      const entry = await audited(db, 'member.role', 'jeanne');
      assert.deepEqual(JSON.parse(entry!.detail), { id, from: 'member', to: 'admin' });
      assert.equal((await session.get('/account')).status, 303, 'the member logs in again with the new role');
    });

    it('deletes a member after confirmation, and a group', async () => {
      const id = await createMember(db, { username: 'partant', password: PASSWORD, role: 'member' });
      const page = `/admin/members/${id}`;
      const unconfirmed = await admin.submit(page, {}, `${page}/delete`);
      assert.equal(unconfirmed.status, 422);
      assert.match(textOf(unconfirmed.text), /Cochez la case/);
      const res = await admin.submit(page, { confirm: 'yes' }, `${page}/delete`);
      assert.equal(res.status, 303);
      assert.equal(await member(db, 'partant'), undefined);
      assert.ok(await audited(db, 'member.delete', 'partant'));
      assert.equal((await admin.get(page)).status, 404);

      const groupPage = `/admin/groups/${groupId}`;
      assert.match(textOf((await admin.get(groupPage)).text), /jeanne/);
      assert.equal((await admin.submit(groupPage, {}, `${groupPage}/delete`)).status, 422);
      const deleted = await admin.submit(groupPage, { confirm: 'yes' }, `${groupPage}/delete`);
      assert.equal(deleted.status, 303);
      assert.ok(await audited(db, 'group.delete', 'Amis du Vélo'));
      assert.equal((await db.selectFrom('member_groups').select('member_id').where('group_id', '=', groupId).execute()).length, 0);
      assert.equal((await admin.get(groupPage)).status, 404);
    });
  });
}
