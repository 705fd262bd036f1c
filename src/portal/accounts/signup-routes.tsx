// Creating an account: /signup when open signup is on (accounts wait for an admin to admit them), and
// /invite/<token> with an invitation made by an admin (admitted at once, with the invitation's role
// and group).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentCharter } from '../charters/store.js';
import type { Translate } from '../../i18n/index.js';
import type { PageCtx } from '../../server/page-context.js';
import { safeNext } from '../../server/page-context.js';
import { UsernameTakenError, addToGroup, createMember, normalizeUsername } from './members.js';
import { hashToken } from './tokens.js';
import { checkInvitation, claimInvitation, completeInvitation, releaseInvitation } from './invitations.js';
import { showAccountForm, submitNewAccount, type NewAccountPage } from './new-account-page.js';
import { EMPTY_VALUES } from './new-account.js';
import { isSignupOpen } from './signup-open.js';
import { linkError } from './link-errors.js';
import { authRateLimit } from './rate-limit.js';
import { byToken, nextQuery, optionalForm, typed } from '../../server/schemas.js';
import { audit } from '../audit.js';
import { invitationAuditId } from './invitations.js';
import { notifyAdminsOfSignup } from './signup-notice.js';


function signupPage(t: Translate): NewAccountPage {
  return { title: t('accounts.signup.title'), intro: <p>{t('accounts.signup.intro')}</p>, action: '/signup', submit: t('accounts.signup.submit') };
}

function invitePage(t: Translate, token: string): NewAccountPage {
  return { title: t('accounts.invite.title'), intro: <p>{t('accounts.invite.intro')}</p>, action: `/invite/${encodeURIComponent(token)}`, submit: t('accounts.signup.submit') };
}

function SignupClosed({ ctx }: { ctx: PageCtx }) {
  return (
    <section class="signup-closed">
      <h1>{ctx.t('accounts.signup.closedTitle')}</h1>
      <p>{ctx.t('accounts.signup.closedText')}</p>
      <p>
        <a href="/login">{ctx.t('accounts.signup.haveAccount')}</a> · <a href="/">{ctx.t('refusal.home')}</a>
      </p>
    </section>
  );
}

function closed(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.page({ title: request.t('accounts.signup.closedTitle'), status: 403 }, (ctx) => <SignupClosed ctx={ctx} />);
}

export async function signupRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const { db } = core;

  typed(app).get('/signup', { schema: { querystring: nextQuery } }, async (request, reply) => {
    if (!isSignupOpen(core)) return closed(request, reply);
    if (request.member) return reply.redirect('/account', 303);
    const values = { ...EMPTY_VALUES, next: safeNext(request.query.next, '') };
    return showAccountForm(reply, signupPage(request.t), values, await currentCharter(db, 'member'));
  });

  typed(app).post('/signup', { config: authRateLimit(core), schema: { body: optionalForm } }, async (request, reply) => {
    if (!isSignupOpen(core)) return closed(request, reply);
    const done = await submitNewAccount(request, reply, signupPage(request.t), async (input) => {
      const id = await createMember(db, { username: input.username, displayName: input.displayName, password: input.password, role: 'member', admitted: false });
      const name = normalizeUsername(input.username);
      await audit(db, { id, name }, 'member.signup', name, { name, via: 'signup' });
      await notifyAdminsOfSignup(core, name);
      return id;
    });
    return done ? reply.redirect(safeNext(done.next, '/account'), 303) : reply;
  });

  async function checkLink(token: string) {
    const state = await checkInvitation(db, token);
    if (!state.ok) throw linkError('invite', state.reason);
    return state;
  }

  typed(app).get('/invite/:token', { schema: { params: byToken } }, async (request, reply) => {
    await checkLink(request.params.token);
    return showAccountForm(reply, invitePage(request.t, request.params.token), EMPTY_VALUES, await currentCharter(db, 'member'));
  });

  typed(app).post('/invite/:token', { config: authRateLimit(core), schema: { params: byToken, body: optionalForm } }, async (request, reply) => {
    const { token } = request.params;
    const invitation = await checkLink(token);
    const done = await submitNewAccount(request, reply, invitePage(request.t, token), async (input) => {
      // Spend the invitation first: a second use of the same link is refused, even at the same moment.
      if (!(await claimInvitation(db, token))) {
        const state = await checkInvitation(db, token);
        throw linkError('invite', state.ok ? 'used' : state.reason);
      }
      let id: string;
      try {
        id = await createMember(db, { username: input.username, displayName: input.displayName, password: input.password, role: invitation.role });
      } catch (err) {
        if (err instanceof UsernameTakenError) await releaseInvitation(db, token);
        throw err;
      }
      await completeInvitation(db, token, id);
      if (invitation.groupId) await addToGroup(db, id, invitation.groupId);
      const name = normalizeUsername(input.username);
      await audit(db, { id, name }, 'invitation.use', invitationAuditId(hashToken(token)), { invitation: invitationAuditId(hashToken(token)), member: name });
      return id;
    });
    return done ? reply.redirect(safeNext(done.next, '/account'), 303) : reply;
  });
}
