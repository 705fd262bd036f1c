// /admin/groups: create, rename and delete groups, and see who is in each. Every change is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/index.js';
import { AppError } from '../../server/errors.js';
import { actorOf } from '../admin/guard.js';
import { audit } from '../audit.js';
import { FormProblem, catchProblem, checkbox, doneKey, formBody, keptText, problemText, textField, type FormBody } from './form.js';
import { GroupNameTakenError, MAX_GROUP_DESCRIPTION, MAX_GROUP_NAME, createGroup, deleteGroup, getGroup, groupMemberIds, listGroups, updateGroup, type Group } from './groups.js';
import { listMembers } from './members.js';
import { GroupPage, GroupsPage, type GroupValues } from './admin-group-pages.js';
import { byId, doneQuery, optionalForm, typed } from '../../server/schemas.js';


const DONE: Record<string, MessageKey> = { created: 'accounts.groups.created', saved: 'accounts.groups.saved', deleted: 'accounts.groups.deleted' };

/** The name and description typed in, as the form shows them again. */
function valuesOf(body: FormBody): GroupValues {
  return { name: keptText(body, 'name', MAX_GROUP_NAME), description: keptText(body, 'description', MAX_GROUP_DESCRIPTION) };
}

function readGroup(body: FormBody): GroupValues {
  const name = textField(body, 'name', 'accounts.groups.name', MAX_GROUP_NAME).trim();
  const description = textField(body, 'description', 'accounts.groups.description', MAX_GROUP_DESCRIPTION, true).trim();
  if (!name) throw new FormProblem(422, 'accounts.groups.nameRequired');
  return { name, description };
}

async function saveName<T>(save: () => Promise<T>, name: string): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (err instanceof GroupNameTakenError) throw new FormProblem(409, 'accounts.groups.nameTaken', { name });
    throw err;
  }
}

export async function groupAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.core;

  async function groupOr404(id: string): Promise<Group> {
    const group = await getGroup(db, id);
    if (!group) throw new AppError(404, 'accounts.groups.notFound');
    return group;
  }

  async function showList(request: FastifyRequest, reply: FastifyReply, values: GroupValues = { name: '', description: '' }, problem?: FormProblem) {
    const groups = await listGroups(db);
    const flash = doneKey(request.query, DONE);
    return reply.page({ title: request.t('accounts.groups.title'), status: problem?.status ?? 200 }, (ctx) => (
      <GroupsPage ctx={ctx} groups={groups} values={values} error={problem ? problemText(ctx.t, problem) : null} flash={flash ? ctx.t(flash) : null} />
    ));
  }

  async function showGroup(request: FastifyRequest, reply: FastifyReply, group: Group, opts: { values?: GroupValues; problem?: { section: 'edit' | 'delete'; problem: FormProblem } } = {}) {
    const members = await listMembers(db, await groupMemberIds(db, group.id));
    const flash = doneKey(request.query, DONE);
    const { problem } = opts;
    return reply.page({ title: request.t('accounts.groups.groupTitle', { name: group.name }), status: problem?.problem.status ?? 200 }, (ctx) => (
      <GroupPage
        ctx={ctx}
        group={group}
        members={members}
        values={opts.values ?? { name: group.name, description: group.description }}
        error={problem ? { section: problem.section, text: problemText(ctx.t, problem.problem) } : null}
        flash={flash ? ctx.t(flash) : null}
      />
    ));
  }

  typed(app).get('/groups', { schema: { querystring: doneQuery } }, async (request, reply) => showList(request, reply));

  typed(app).post('/groups', { schema: { body: optionalForm } }, async (request, reply) => {
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const values = readGroup(body);
      const id = await saveName(() => createGroup(db, values.name, values.description), values.name);
      return { id, ...values };
    });
    if (result instanceof FormProblem) return showList(request, reply, valuesOf(body), result);
    await audit(db, actorOf(request), 'group.create', result.name, { id: result.id, description: result.description });
    return reply.redirect(`/admin/groups/${encodeURIComponent(result.id)}?done=created`, 303);
  });

  typed(app).get('/groups/:id', { schema: { params: byId } }, async (request, reply) => showGroup(request, reply, await groupOr404(request.params.id)));

  typed(app).post('/groups/:id', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const group = await groupOr404(request.params.id);
    const body = formBody(request.body);
    const result = await catchProblem(async () => {
      const values = readGroup(body);
      await saveName(() => updateGroup(db, group.id, values.name, values.description), values.name);
      return values;
    });
    if (result instanceof FormProblem) return showGroup(request, reply, group, { values: valuesOf(body), problem: { section: 'edit', problem: result } });
    const from = { name: group.name, description: group.description };
    await audit(db, actorOf(request), 'group.update', result.name, { id: group.id, from, to: result });
    return reply.redirect(`/admin/groups/${encodeURIComponent(group.id)}?done=saved`, 303);
  });

  typed(app).post('/groups/:id/delete', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const group = await groupOr404(request.params.id);
    const result = await catchProblem(async () => {
      if (!checkbox(formBody(request.body), 'confirm')) throw new FormProblem(422, 'accounts.groups.deleteUnconfirmed');
      // A group that limits a service stays until that service's opening no longer names it: deleting it
      // would silently change who may use the service.
      const limited = app.core.services.all().filter((s) => app.core.openings.get(s.id).groups.includes(group.id));
      if (limited.length > 0) throw new FormProblem(409, 'accounts.groups.limitsServices', { services: limited.map((s) => s.name[request.lang]).join(', ') });
    });
    if (result instanceof FormProblem) return showGroup(request, reply, group, { problem: { section: 'delete', problem: result } });
    await deleteGroup(db, group.id);
    await audit(db, actorOf(request), 'group.delete', group.name, { id: group.id, members: group.memberCount });
    return reply.redirect('/admin/groups?done=deleted', 303);
  });
}
