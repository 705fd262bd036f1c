// /reset/<token>: choosing a new password with a one-time link an admin handed over. Using it ends
// every session of the account (a lost phone stays logged out) and logs the member in here.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PageCtx } from '../../server/page-context.js';
import { endMemberSessions } from '../../server/sessions.js';
import { FormProblem, catchProblem, formBody, problemText, textField } from './form.js';
import { setPassword } from './members.js';
import { MAX_PASSWORD } from './passwords.js';
import { checkResetLink, useResetLink } from './reset-links.js';
import { checkNewPassword } from './new-account.js';
import { startSession } from './session-login.js';
import { PasswordPair } from './account-form.js';
import { linkError } from './link-errors.js';
import { authRateLimit } from './rate-limit.js';
import { FormError } from './ui.js';
import { byToken, optionalForm, typed } from '../../server/schemas.js';


function ResetPage({ ctx, token, username, error }: { ctx: PageCtx; token: string; username: string; error: string | null }) {
  const { t } = ctx;
  return (
    <section class="reset">
      <h1>{t('accounts.reset.title')}</h1>
      <p>{t('accounts.reset.intro', { username })}</p>
      <FormError message={error} />
      <form method="post" action={`/reset/${encodeURIComponent(token)}`} class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <PasswordPair ctx={ctx} />
        <p>
          <button type="submit">{t('accounts.reset.submit')}</button>
        </p>
      </form>
    </section>
  );
}

export async function resetRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.core;

  /** The member the link is for, or a 404/410 page. */
  async function memberOf(token: string): Promise<{ id: string; username: string }> {
    const state = await checkResetLink(db, token);
    if (!state.ok) throw linkError('reset', state.reason);
    const member = await db.selectFrom('members').select(['id', 'username']).where('id', '=', state.memberId).executeTakeFirst();
    if (!member) throw linkError('reset', 'unknown');
    return member;
  }

  function show(reply: FastifyReply, token: string, username: string, problem?: FormProblem): FastifyReply {
    return reply.page({ title: reply.request.t('accounts.reset.title'), status: problem?.status ?? 200 }, (ctx) => (
      <ResetPage ctx={ctx} token={token} username={username} error={problem ? problemText(ctx.t, problem) : null} />
    ));
  }

  typed(app).get('/reset/:token', { schema: { params: byToken } }, async (request, reply) => {
    const member = await memberOf(request.params.token);
    return show(reply, request.params.token, member.username);
  });

  typed(app).post('/reset/:token', { config: authRateLimit(app.core), schema: { params: byToken, body: optionalForm } }, async (request, reply) => {
    const { token } = request.params;
    const member = await memberOf(token);
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const password = textField(body, 'password', 'accounts.field.newPassword', MAX_PASSWORD);
      checkNewPassword(password, textField(body, 'password2', 'accounts.field.password2', MAX_PASSWORD));
      return password;
    });
    if (result instanceof FormProblem) return show(reply, token, member.username, result);
    if (!(await useResetLink(db, token))) throw linkError('reset', 'used');
    await setPassword(db, member.id, result);
    await endMemberSessions(db, member.id);
    await startSession(request, member.id);
    return reply.redirect('/account?done=password', 303);
  });
}
