// /admin/members: the list of members and one member's page (role, admission, groups, reset link,
// deletion). Every change is written to the audit log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/index.js';
import { AppError } from '../../server/errors.js';
import { endMemberSessions } from '../../server/sessions.js';
import { announceMemberChange } from '../../server/socket-access.js';
import { actorOf } from '../admin/guard.js';
import { audit } from '../audit.js';
import { FormProblem, catchProblem, checkbox, checkboxList, doneKey, formBody, problemText, textField } from './form.js';
import { deleteMember, getMemberRow, isLastAdmin, listMembers, setAdmitted, setGroups, setRole, type MemberRow } from './members.js';
import { existingGroupIds, listGroups } from './groups.js';
import { issueResetLink } from './reset-links.js';
import { publicUrl } from '../../config/public-url.js';
import { endSession } from './session-login.js';
import { MemberPage, MembersPage, type MemberSection } from './admin-member-pages.js';
import { anyValue, byId, optionalForm, typed, z } from '../../server/schemas.js';


const DONE: Record<string, MessageKey> = {
  role: 'accounts.admin.savedRole',
  admit: 'accounts.admin.savedAdmission',
  groups: 'accounts.admin.savedGroups',
  deleted: 'accounts.admin.deleted',
};

export async function memberAdminRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const { db } = core;

  async function memberOr404(id: string): Promise<MemberRow> {
    const member = await getMemberRow(db, id);
    if (!member) throw new AppError(404, 'accounts.admin.memberNotFound');
    return member;
  }

  async function show(request: FastifyRequest, reply: FastifyReply, member: MemberRow, opts: { problem?: { section: MemberSection; problem: FormProblem }; resetUrl?: string } = {}) {
    const groups = await listGroups(db);
    const flash = doneKey(request.query, DONE);
    const { problem } = opts;
    return reply.page({ title: request.t('accounts.admin.memberTitle', { name: member.displayName, username: member.username }), status: problem?.problem.status ?? 200 }, (ctx) => (
      <MemberPage
        ctx={ctx}
        member={member}
        groups={groups}
        flash={flash ? ctx.t(flash) : null}
        error={problem ? { section: problem.section, text: problemText(ctx.t, problem.problem) } : null}
        resetUrl={opts.resetUrl ?? null}
        resetHours={core.config.accounts.reset_hours}
      />
    ));
  }

  const back = (reply: FastifyReply, member: MemberRow, done: string) => reply.redirect(`/admin/members/${encodeURIComponent(member.id)}?done=${done}`, 303);

  typed(app).get('/members', { schema: { querystring: z.object({ q: anyValue.optional() }).catchall(anyValue) } }, async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 100) : '';
    const all = await listMembers(db);
    const needle = q.toLowerCase();
    const members = needle ? all.filter((m) => m.username.includes(needle) || m.displayName.toLowerCase().includes(needle)) : all;
    const flash = doneKey(request.query, DONE);
    return reply.page({ title: request.t('accounts.admin.members') }, (ctx) => (
      <MembersPage ctx={ctx} members={members} q={q} total={all.length} flash={flash ? ctx.t(flash) : null} />
    ));
  });

  typed(app).get('/members/:id', { schema: { params: byId } }, async (request, reply) => show(request, reply, await memberOr404(request.params.id)));

  typed(app).post('/members/:id/role', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const member = await memberOr404(request.params.id);
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const role = textField(body, 'role', 'accounts.admin.role', 10);
      if (role !== 'admin' && role !== 'member') throw new FormProblem(400, 'accounts.form.malformed', {}, 'accounts.admin.role');
      if (role === 'member' && (await isLastAdmin(db, member.id))) throw new FormProblem(409, 'accounts.admin.lastAdminDemote');
      return role;
    });
    if (result instanceof FormProblem) return show(request, reply, member, { problem: { section: 'role', problem: result } });
    if (result === member.role) return back(reply, member, 'role');
    await setRole(db, member.id, result);
    await announceMemberChange(core, member.id);
    // Sessions carry what the member may do: a new role starts from a new login.
    await endMemberSessions(db, member.id);
    await audit(db, actorOf(request), 'member.role', member.username, { id: member.id, from: member.role, to: result });
    if (member.id === request.member?.id) {
      await endSession(request, reply);
      return reply.redirect('/login', 303);
    }
    return back(reply, member, 'role');
  });

  typed(app).post('/members/:id/admit', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const member = await memberOr404(request.params.id);
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const value = textField(body, 'admitted', 'accounts.admin.admission', 1);
      if (value !== '0' && value !== '1') throw new FormProblem(400, 'accounts.form.malformed', {}, 'accounts.admin.admission');
      return value === '1';
    });
    if (result instanceof FormProblem) return show(request, reply, member, { problem: { section: 'admit', problem: result } });
    if (result !== member.admitted) {
      await setAdmitted(db, member.id, result);
      await announceMemberChange(core, member.id);
      await audit(db, actorOf(request), 'member.admit', member.username, { id: member.id, admitted: result });
    }
    return back(reply, member, 'admit');
  });

  typed(app).post('/members/:id/groups', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const member = await memberOr404(request.params.id);
    const result = await catchProblem(async () => existingGroupIds(db, [...new Set(checkboxList(formBody(request.body), 'group'))]));
    if (result instanceof FormProblem) return show(request, reply, member, { problem: { section: 'groups', problem: result } });
    await setGroups(db, member.id, result);
    await announceMemberChange(core, member.id);
    const names = (await listGroups(db)).filter((g) => result.includes(g.id)).map((g) => g.name);
    await audit(db, actorOf(request), 'member.groups', member.username, { id: member.id, from: member.groups.map((g) => g.name), to: names });
    return back(reply, member, 'groups');
  });

  typed(app).post('/members/:id/reset-link', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const member = await memberOr404(request.params.id);
    const hours = core.config.accounts.reset_hours;
    const token = await issueResetLink(db, member.id, actorOf(request), hours);
    return show(request, reply, member, { resetUrl: `${publicUrl(core.config)}/reset/${token}` });
  });

  typed(app).post('/members/:id/delete', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const member = await memberOr404(request.params.id);
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      if (!checkbox(body, 'confirm')) throw new FormProblem(422, 'accounts.admin.deleteUnconfirmed');
      if (await isLastAdmin(db, member.id)) throw new FormProblem(409, 'accounts.admin.lastAdminDelete');
    });
    if (result instanceof FormProblem) return show(request, reply, member, { problem: { section: 'delete', problem: result } });
    await deleteMember(db, member.id);
    await endMemberSessions(db, member.id);
    await announceMemberChange(core, member.id);
    await audit(db, actorOf(request), 'member.delete', member.username, { id: member.id });
    if (member.id === request.member?.id) {
      await endSession(request, reply);
      return reply.redirect('/', 303);
    }
    return reply.redirect('/admin/members?done=deleted', 303);
  });
}
