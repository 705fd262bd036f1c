// /setup/<token>: the one-time link printed by `chaton start` to create the first admin account.
import type { FastifyInstance } from 'fastify';
import { currentCharter } from '../charters/store.js';
import { audit } from '../audit.js';
import { createMember, normalizeUsername } from './members.js';
import { claimSetupToken, setupTokenState } from './setup-link.js';
import { showAccountForm, submitNewAccount, type NewAccountPage } from './new-account-page.js';
import { EMPTY_VALUES } from './new-account.js';
import { linkError } from './link-errors.js';
import { authRateLimit } from './rate-limit.js';
import type { Translate } from '../../i18n/index.js';
import { byToken, optionalForm, typed } from '../../server/schemas.js';


function page(t: Translate, token: string): NewAccountPage {
  return { title: t('accounts.setup.title'), intro: <p>{t('accounts.setup.intro')}</p>, action: `/setup/${encodeURIComponent(token)}`, submit: t('accounts.setup.submit') };
}

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.core;

  async function checkLink(token: string): Promise<void> {
    const state = await setupTokenState(db, token);
    if (state !== 'ok') throw linkError('setup', state);
  }

  typed(app).get('/setup/:token', { schema: { params: byToken } }, async (request, reply) => {
    await checkLink(request.params.token);
    return showAccountForm(reply, page(request.t, request.params.token), EMPTY_VALUES, await currentCharter(db, 'member'));
  });

  typed(app).post('/setup/:token', { config: authRateLimit(app.core), schema: { params: byToken, body: optionalForm } }, async (request, reply) => {
    const { token } = request.params;
    await checkLink(token);
    const done = await submitNewAccount(request, reply, page(request.t, token), async (input) => {
      // Spend the link first: of two forms sent at once, only one makes an admin.
      if (!(await claimSetupToken(db, token))) throw linkError('setup', 'used');
      const id = await createMember(db, { username: input.username, displayName: input.displayName, password: input.password, role: 'admin' });
      await audit(db, { id, name: normalizeUsername(input.username) }, 'member.create', normalizeUsername(input.username), { role: 'admin', via: 'setup' });
      return id;
    });
    return done ? reply.redirect('/admin', 303) : reply;
  });
}
