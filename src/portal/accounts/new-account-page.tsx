// Showing and handling the new-account form, for setup, open signup and invitations alike: only what
// happens once the form is valid (making the account) differs.
import type { ComponentChildren } from 'preact';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentCharter, recordAcceptance, type CharterVersion } from '../charters/store.js';
import { AccountFormPage } from './account-form.js';
import { FormProblem, catchProblem, formBody, problemText } from './form.js';
import { UsernameTakenError, normalizeUsername } from './members.js';
import { checkNewAccount, readNewAccount, valuesOf, type AccountFormValues, type NewAccountInput } from './new-account.js';
import { startSession } from './session-login.js';

export interface NewAccountPage { title: string; intro?: ComponentChildren; action: string; submit: string }

export function showAccountForm(reply: FastifyReply, page: NewAccountPage, values: AccountFormValues, charter: CharterVersion | null, problem?: FormProblem): FastifyReply {
  return reply.page({ title: page.title, status: problem?.status ?? 200 }, (ctx) => (
    <AccountFormPage
      ctx={ctx}
      title={page.title}
      intro={page.intro}
      action={page.action}
      values={values}
      error={problem ? problemText(ctx.t, problem) : null}
      charter={charter}
      submit={page.submit}
    />
  ));
}

/**
 * Reads and checks the form, then calls `create` (which makes the account and returns its id),
 * records the charter acceptance and logs the new member in. On a problem, the form is shown again
 * with the person's input (not the passwords) and null is returned.
 */
export async function submitNewAccount(
  request: FastifyRequest,
  reply: FastifyReply,
  page: NewAccountPage,
  create: (input: NewAccountInput) => Promise<string>,
): Promise<{ memberId: string; next: string } | null> {
  const { db } = request.server.core;
  const body = formBody(request.body);
  const charter = await currentCharter(db, 'member');
  const result = await catchProblem(async () => {
    const input = readNewAccount(body);
    await checkNewAccount(db, input, charter);
    try {
      return { memberId: await create(input), next: input.next };
    } catch (err) {
      // Someone took the username between the check and the insert.
      if (err instanceof UsernameTakenError) throw new FormProblem(409, 'accounts.form.usernameTaken', { username: normalizeUsername(input.username) });
      throw err;
    }
  });
  if (result instanceof FormProblem) {
    showAccountForm(reply, page, valuesOf(body), charter, result);
    return null;
  }
  if (charter) await recordAcceptance(db, result.memberId, 'member', charter.version);
  await startSession(request, result.memberId);
  return result;
}
