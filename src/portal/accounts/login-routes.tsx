// Logging in and out. Unknown username and wrong password get the same answer, in the same time.
import type { FastifyInstance } from 'fastify';
import type { PageCtx } from '../../server/page-context.js';
import { safeNext } from '../../server/page-context.js';
import { FormProblem, catchProblem, formBody, problemText, textField } from './form.js';
import { findByUsername } from './members.js';
import { MAX_PASSWORD, dummyHash, verifyPassword } from './passwords.js';
import { afterLogin, endSession, startSession } from './session-login.js';
import { isSignupOpen } from './signup-open.js';
import { authRateLimit } from './rate-limit.js';
import { FormError } from './ui.js';
import { nextQuery, optionalForm, typed } from '../../server/schemas.js';

interface LoginProps { ctx: PageCtx; username: string; next: string; error: string | null; signupOpen: boolean; mailOn: boolean }

function LoginPage({ ctx, username, next, error, signupOpen, mailOn }: LoginProps) {
  const { t } = ctx;
  return (
    <section class="login">
      <h1>{t('accounts.login.title')}</h1>
      <FormError message={error} />
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        {next && <input type="hidden" name="next" value={next} />}
        <div>
          <label for="username">{t('accounts.field.username')}</label>
          <input id="username" name="username" type="text" required maxLength={100} autocomplete="username" autocapitalize="none" spellcheck={false} value={username} />
        </div>
        <div>
          <label for="password">{t('accounts.field.password')}</label>
          <input id="password" name="password" type="password" required maxLength={MAX_PASSWORD} autocomplete="current-password" />
        </div>
        <p>
          <button type="submit">{t('accounts.login.submit')}</button>
        </p>
      </form>
      <p>{signupOpen ? <a href={`/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('accounts.login.signup')}</a> : t('accounts.login.invitationOnly')}</p>
      <p class="hint">{mailOn ? <a href="/forgot">{t('mail.forgot.link')}</a> : t('accounts.login.forgot')}</p>
    </section>
  );
}

export async function loginRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;

  typed(app).get('/login', { schema: { querystring: nextQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next, '');
    if (request.member) return reply.redirect(next || '/', 303);
    return reply.page({ title: request.t('accounts.login.title') }, (ctx) => (
      <LoginPage ctx={ctx} username="" next={next} error={null} signupOpen={isSignupOpen(core)} mailOn={core.mail.configured} />
    ));
  });

  typed(app).post('/login', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const username = textField(body, 'username', 'accounts.field.username', 100);
      const password = textField(body, 'password', 'accounts.field.password', MAX_PASSWORD);
      const next = textField(body, 'next', 'accounts.form.field', 2000, true);
      const member = await findByUsername(core.db, username);
      // Verify against a dummy hash when the username is unknown, so the time taken tells nothing.
      const ok = await verifyPassword(member?.password_hash ?? (await dummyHash()), password);
      if (!member || !ok) throw new FormProblem(401, 'accounts.login.failed');
      return { member, next };
    });
    if (result instanceof FormProblem) {
      const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
      const next = safeNext(body.next, '');
      return reply.page({ title: request.t('accounts.login.title'), status: result.status }, (ctx) => (
        <LoginPage ctx={ctx} username={username} next={next} error={problemText(ctx.t, result)} signupOpen={isSignupOpen(core)} mailOn={core.mail.configured} />
      ));
    }
    await startSession(request, result.member.id);
    return reply.redirect(await afterLogin(request, result.member.id, result.next), 303);
  });

  typed(app).post('/logout', { schema: { body: optionalForm } }, async (request, reply) => {
    await endSession(request, reply);
    return reply.redirect('/', 303);
  });
}
