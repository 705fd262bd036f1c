// /forgot: a member who forgot their password gives their e-mail address and receives a one-time reset
// link (the same links as an admin's, reset-links.ts). The answer is the same whether an account has
// that address or not; the form counts in the account forms' budget per hashed address (rate-limit.ts),
// and each account gets at most mail.resets_per_hour links, beyond which the answer is still the same.
// Without e-mail configured, the page says to ask the team, as the login page does.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PageCtx } from '../../server/page-context.js';
import { publicUrl } from '../../config/public-url.js';
import { langOf } from '../../mail/queue.js';
import { FormProblem, catchProblem, formBody, keptText, problemText } from './form.js';
import { MAX_EMAIL, findByEmail } from './members.js';
import { issueResetLink, resetLinksSince } from './reset-links.js';
import { emailField } from './email.js';
import { authRateLimit } from './rate-limit.js';
import { Flash, FormError } from './ui.js';
import { optionalForm, typed } from '../../server/schemas.js';

interface ForgotProps { ctx: PageCtx; configured: boolean; email: string; error: string | null; sent: string | null }

function ForgotPage({ ctx, configured, email, error, sent }: ForgotProps) {
  const { t } = ctx;
  return (
    <section class="forgot">
      <h1>{t('mail.forgot.title')}</h1>
      {!configured ? (
        <p>{t('mail.forgot.off')}</p>
      ) : (
        <>
          <Flash message={sent} />
          <p>{t('mail.forgot.intro')}</p>
          <FormError message={error} />
          <form method="post" action="/forgot" class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf()} />
            <div>
              <label for="email">{t('mail.forgot.field')}</label>
              <input id="email" name="email" type="email" required maxLength={MAX_EMAIL} autocomplete="email" autocapitalize="none" spellcheck={false} value={email} />
            </div>
            <p>
              <button type="submit">{t('mail.forgot.submit')}</button>
            </p>
          </form>
          <p class="hint">{t('mail.forgot.noAddress')}</p>
        </>
      )}
      <p>
        <a href="/login">{t('mail.forgot.back')}</a>
      </p>
    </section>
  );
}

export async function forgotRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const { db, mail, config } = core;

  function show(reply: FastifyReply, opts: { email?: string; problem?: FormProblem; sent?: string } = {}): FastifyReply {
    return reply.page({ title: reply.request.t('mail.forgot.title'), status: opts.problem?.status ?? 200 }, (ctx) => (
      <ForgotPage
        ctx={ctx}
        configured={mail.configured}
        email={opts.email ?? ''}
        error={opts.problem ? problemText(ctx.t, opts.problem) : null}
        sent={opts.sent ? ctx.t('mail.forgot.sent', { email: opts.sent, hours: config.accounts.reset_hours }) : null}
      />
    ));
  }

  typed(app).get('/forgot', async (_request, reply) => show(reply));

  typed(app).post('/forgot', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    if (!mail.configured) return show(reply);
    const body = formBody(request.body);
    const result = await catchProblem(async () => emailField(body, 'email', 'mail.forgot.field', false));
    if (result instanceof FormProblem) return show(reply, { email: keptText(body, 'email', MAX_EMAIL), problem: result });
    const now = Date.now();
    const hours = config.accounts.reset_hours;
    for (const member of await findByEmail(db, result)) {
      // Beyond the hourly allowance nothing is sent, and the answer does not say so.
      if ((await resetLinksSince(db, member.id, now - 3600_000)) >= config.mail.resets_per_hour) continue;
      const token = await issueResetLink(db, member.id, { id: member.id, name: member.username }, hours, now);
      await mail.enqueue(result, langOf(member.lang), { kind: 'reset', username: member.username, link: `${publicUrl(config)}/reset/${token}`, hours });
    }
    mail.kick();
    return show(reply, { sent: result });
  });
}
