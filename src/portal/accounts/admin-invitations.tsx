// /admin/invitations: make invitation links (shown once, and sent by e-mail when an address is given and
// e-mail is configured), see them all, revoke a pending one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../storage/schema.js';
import { actorOf } from '../admin/guard.js';
import { audit } from '../audit.js';
import { FormProblem, catchProblem, formBody, intField, keptText, problemText, textField, type FormBody } from './form.js';
import { existingGroupIds, listGroups } from './groups.js';
import { MAX_DAYS, MAX_NOTE, createInvitation, invitationAuditId, listInvitations, revokeInvitation } from './invitations.js';
import { InvitationsPage, type InvitationValues } from './admin-invitation-pages.js';
import { byId, doneQuery, optionalForm, typed } from '../../server/schemas.js';
import { publicUrl } from '../../config/public-url.js';
import { isLang } from '../../i18n/index.js';
import { MAX_EMAIL } from './members.js';
import { emailField } from './email.js';


const shortId = invitationAuditId;

function valuesOf(body: FormBody): InvitationValues {
  return {
    role: keptText(body, 'role', 10),
    groupId: keptText(body, 'group', 100),
    note: keptText(body, 'note', MAX_NOTE),
    days: keptText(body, 'days', 6),
    email: keptText(body, 'email', MAX_EMAIL),
    lang: keptText(body, 'lang', 2),
  };
}

export async function invitationAdminRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const { db } = core;
  const defaults = (request: FastifyRequest): InvitationValues => ({ role: 'member', groupId: '', note: '', days: String(core.config.accounts.invitation_days), email: '', lang: request.lang });

  async function show(request: FastifyRequest, reply: FastifyReply, opts: { values?: InvitationValues; problem?: FormProblem; link?: { url: string; expiresAt: number; emailedTo: string | null }; flash?: boolean } = {}) {
    const [invitations, groups] = [await listInvitations(db), await listGroups(db)];
    const { problem } = opts;
    return reply.page({ title: request.t('accounts.invitations.title'), status: problem?.status ?? 200 }, (ctx) => (
      <InvitationsPage
        ctx={ctx}
        invitations={invitations}
        groups={groups}
        values={opts.values ?? defaults(request)}
        mailOn={core.mail.configured}
        error={problem ? problemText(ctx.t, problem) : null}
        flash={opts.flash ? ctx.t('accounts.invitations.revoked') : null}
        link={opts.link ?? null}
      />
    ));
  }

  typed(app).get('/invitations', { schema: { querystring: doneQuery } }, async (request, reply) => show(request, reply, { flash: request.query.done === 'revoked' }));

  typed(app).post('/invitations', { schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const role = textField(body, 'role', 'accounts.admin.role', 10);
      if (role !== 'admin' && role !== 'member') throw new FormProblem(400, 'accounts.form.malformed', {}, 'accounts.admin.role');
      const group = textField(body, 'group', 'accounts.invitations.group', 100, true);
      const groupId = group ? ((await existingGroupIds(db, [group]))[0] ?? null) : null;
      if (group && !groupId) throw new FormProblem(422, 'accounts.invitations.unknownGroup');
      const note = textField(body, 'note', 'accounts.invitations.note', MAX_NOTE, true).trim();
      const days = intField(body, 'days', 'accounts.invitations.days', 1, MAX_DAYS);
      const email = core.mail.configured ? emailField(body, 'email', 'mail.invitations.email', true) : '';
      const lang = textField(body, 'lang', 'mail.invitations.lang', 2, true);
      return { role: role as Role, groupId, note, days, email, lang: isLang(lang) ? lang : request.lang };
    });
    if (result instanceof FormProblem) return show(request, reply, { values: valuesOf(body), problem: result });
    const actor = actorOf(request);
    const { token, id } = await createInvitation(db, { role: result.role, groupId: result.groupId, note: result.note, days: result.days, createdBy: actor.name });
    await audit(db, actor, 'invitation.create', shortId(id), { role: result.role, group: result.groupId, note: result.note, days: result.days, emailed: result.email !== '' });
    const url = `${publicUrl(core.config)}/invite/${token}`;
    const expiresAt = Date.now() + result.days * 24 * 3600 * 1000;
    let emailedTo: string | null = null;
    if (result.email && (await core.mail.enqueue(result.email, result.lang, { kind: 'invitation', inviter: request.member?.displayName ?? actor.name, link: url, expiresAt }))) {
      emailedTo = result.email;
      core.mail.kick();
    }
    return show(request, reply, { link: { url, expiresAt, emailedTo } });
  });

  typed(app).post('/invitations/:id/revoke', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const { id } = request.params;
    if (!(await revokeInvitation(db, id))) return show(request, reply, { problem: new FormProblem(409, 'accounts.invitations.notPending') });
    await audit(db, actorOf(request), 'invitation.revoke', shortId(id));
    return reply.redirect('/admin/invitations?done=revoked', 303);
  });
}
