// /account (members only): change my display name and password, download my data, delete my account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endMemberSessions } from '../../server/sessions.js';
import { announceMemberChange } from '../../server/socket-access.js';
import { requireMember, actorOf } from '../admin/guard.js';
import { audit } from '../audit.js';
import { FormProblem, catchProblem, doneKey, formBody, keptText, problemText, textField } from './form.js';
import { MAX_DISPLAY_NAME, MAX_EMAIL, deleteMember, getMemberRow, isLastAdmin, setDisplayName, setEmail, setPassword } from './members.js';
import { emailField } from './email.js';
import { MAX_PASSWORD, verifyPassword } from './passwords.js';
import { checkNewPassword } from './new-account.js';
import { endSession, startSession } from './session-login.js';
import { exportMemberData } from './export.js';
import { authRateLimit } from './rate-limit.js';
import { AccountPage, DeletedPage, type AccountErrors } from './account-page.js';
import type { MessageKey } from '../../i18n/index.js';
import { doneQuery, optionalForm, typed } from '../../server/schemas.js';

const DONE: Record<string, MessageKey> = { profile: 'accounts.account.savedProfile', password: 'accounts.account.savedPassword', email: 'mail.account.saved' };

type Section = keyof AccountErrors;

export async function accountPageRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const { db } = core;
  app.addHook('preHandler', requireMember);

  /** The logged-in member's id (requireMember ran before). */
  const me = (request: FastifyRequest): string => request.member!.id;

  async function show(request: FastifyRequest, reply: FastifyReply, opts: { problem?: { section: Section; problem: FormProblem }; displayName?: string; email?: string; flash?: MessageKey } = {}) {
    const member = await getMemberRow(db, me(request));
    if (!member) return reply.redirect('/login', 303);
    const lastAdmin = await isLastAdmin(db, member.id);
    const { problem } = opts;
    return reply.page({ title: request.t('accounts.account.title'), status: problem?.problem.status ?? 200 }, (ctx) => (
      <AccountPage
        ctx={ctx}
        member={member}
        displayName={opts.displayName ?? member.displayName}
        email={opts.email ?? member.email ?? ''}
        mailOn={core.mail.configured}
        errors={problem ? { [problem.section]: problemText(ctx.t, problem.problem) } : {}}
        flash={opts.flash ? ctx.t(opts.flash) : null}
        lastAdmin={lastAdmin}
      />
    ));
  }

  typed(app).get('/account', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const done = doneKey(request.query, DONE);
    return show(request, reply, done ? { flash: done } : {});
  });

  typed(app).post('/account/profile', { schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => textField(body, 'display_name', 'accounts.field.displayName', MAX_DISPLAY_NAME, true));
    if (result instanceof FormProblem) return show(request, reply, { problem: { section: 'profile', problem: result } });
    await setDisplayName(db, me(request), result, request.member!.username);
    return reply.redirect('/account?done=profile', 303);
  });

  /** The member's current password, checked: a wrong one is a problem shown on the form. */
  async function checkCurrentPassword(memberId: string, password: string): Promise<void> {
    const row = await db.selectFrom('members').select('password_hash').where('id', '=', memberId).executeTakeFirst();
    if (!row || !(await verifyPassword(row.password_hash, password))) throw new FormProblem(422, 'accounts.account.wrongPassword');
  }

  // Changing the address needs the password: whoever holds the address can reset the password.
  typed(app).post('/account/email', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const email = emailField(body, 'email', 'mail.forgot.field', true);
      await checkCurrentPassword(me(request), textField(body, 'password', 'accounts.field.currentPassword', MAX_PASSWORD));
      return email;
    });
    if (result instanceof FormProblem) return show(request, reply, { problem: { section: 'email', problem: result }, email: keptText(body, 'email', MAX_EMAIL) });
    await setEmail(db, me(request), result, request.lang);
    return reply.redirect('/account?done=email', 303);
  });

  typed(app).post('/account/password', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const current = textField(body, 'current', 'accounts.field.currentPassword', MAX_PASSWORD);
      const password = textField(body, 'password', 'accounts.field.newPassword', MAX_PASSWORD);
      checkNewPassword(password, textField(body, 'password2', 'accounts.field.password2', MAX_PASSWORD));
      await checkCurrentPassword(me(request), current);
      return password;
    });
    if (result instanceof FormProblem) return show(request, reply, { problem: { section: 'password', problem: result } });
    const id = me(request);
    await setPassword(db, id, result);
    // Other devices are logged out; this one stays, with a new session.
    await endMemberSessions(db, id);
    await startSession(request, id);
    return reply.redirect('/account?done=password', 303);
  });

  app.get('/account/export.json', async (request, reply) => {
    const data = await exportMemberData(db, me(request), core.config.chaton.name);
    if (!data) return reply.redirect('/login', 303);
    return reply
      .header('content-disposition', `attachment; filename="chaton-${data.profile.username}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  typed(app).post('/account/delete', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const id = me(request);
    const result = await catchProblem(async () => {
      await checkCurrentPassword(id, textField(body, 'password', 'accounts.field.confirmPassword', MAX_PASSWORD));
      if (await isLastAdmin(db, id)) throw new FormProblem(409, 'accounts.account.lastAdmin');
    });
    if (result instanceof FormProblem) return show(request, reply, { problem: { section: 'delete', problem: result } });
    const actor = actorOf(request);
    await deleteMember(db, id);
    await endMemberSessions(db, id);
    await announceMemberChange(core, id);
    await audit(db, actor, 'member.delete', actor.name, { id, self: true });
    await endSession(request, reply);
    request.member = null;
    return reply.page({ title: request.t('accounts.deleted.title') }, (ctx) => <DeletedPage ctx={ctx} />);
  });
}
