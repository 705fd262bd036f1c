// /admin/audit: the log of every admin change as sentences, newest first, by pages of 50; and its raw
// entries as JSON or CSV downloads (/admin/audit.json, /admin/audit.csv).
import { When } from '../ui/when.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PageCtx } from '../../server/page-context.js';
import type { Core } from '../../core.js';
import { readAudit, type AuditEntry } from '../audit.js';
import { auditSentence, type AuditNames } from '../audit-sentences.js';
import { AdminNav } from './admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import { pick } from '../../i18n/index.js';
import { csvDocument } from '../../server/csv.js';
import { int4, typed, z } from '../../server/schemas.js';

const PAGE = 50;
/** The most entries one download holds (the newest). */
export const AUDIT_EXPORT_MAX = 100_000;

/** Names of the services, groups and accounts the entries mention, read once for the whole page. */
export async function loadAuditNames(core: Core, entries: AuditEntry[], lang: PageCtx['lang']): Promise<AuditNames> {
  const groups = new Map((await core.db.selectFrom('groups').select(['id', 'name']).execute()).map((g) => [g.id, g.name]));
  const memberIds = [...new Set(entries.filter((e) => e.action === 'member.reset-link').map((e) => e.target))];
  const members = new Map(
    memberIds.length ? (await core.db.selectFrom('members').select(['id', 'username']).where('id', 'in', memberIds).execute()).map((m) => [m.id, m.username]) : [],
  );
  return {
    service: (id) => {
      const entry = core.services.get(id);
      return entry ? pick(entry.name, lang) : id;
    },
    group: (id) => groups.get(id) ?? id,
    member: (id) => members.get(id) ?? id,
  };
}

export function AuditTable({ ctx, entries, names }: { ctx: PageCtx; entries: AuditEntry[]; names: AuditNames }) {
  const { t, lang } = ctx;
  return (
    <DataTable caption={t('admin.audit.caption')} headers={[t('admin.audit.when'), t('admin.audit.what')]}>
      {entries.map((e) => (
        <tr>
          <td><When ctx={ctx} at={e.at} style="dateTime" /></td>
          <td>{auditSentence(e, t, lang, names)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function download(reply: FastifyReply, type: string, name: string, body: string) {
  return reply
    .type(type)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;

  typed(app).get('/audit', { schema: { querystring: z.object({ before: int4().optional() }) } }, async (request, reply) => {
    const { before } = request.query;
    const entries = await readAudit(core.db, { limit: PAGE, ...(before ? { before } : {}) });
    const names = await loadAuditNames(core, entries, request.lang);
    const last = entries.at(-1);
    return reply.page({ title: request.t('admin.audit.title') }, (ctx) => (
      <>
        <AdminNav ctx={ctx} />
        <h1>{ctx.t('admin.audit.title')}</h1>
        <p>
          {ctx.t('admin.audit.export')} <a href="/admin/audit.csv" download>{ctx.t('admin.audit.exportCsv')}</a> · <a href="/admin/audit.json" download>{ctx.t('admin.audit.exportJson')}</a>
        </p>
        {entries.length === 0 ? <p>{ctx.t('admin.audit.empty')}</p> : <AuditTable ctx={ctx} entries={entries} names={names} />}
        {entries.length === PAGE && last && (
          <p>
            <a href={`/admin/audit?before=${last.id}`}>{ctx.t('admin.audit.older')}</a>
          </p>
        )}
      </>
    ));
  });

  // The raw entries, as stored (the detail as recorded), for keeping or for a spreadsheet.
  app.get('/audit.json', async (_request, reply) => {
    const entries = await readAudit(core.db, { limit: AUDIT_EXPORT_MAX });
    const rows = entries.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), actor: e.actorName, action: e.action, target: e.target, detail: e.detail }));
    return download(reply, 'application/json; charset=utf-8', `audit-${day(Date.now())}.json`, JSON.stringify(rows, null, 2) + '\n');
  });

  app.get('/audit.csv', async (request, reply) => {
    const entries = await readAudit(core.db, { limit: AUDIT_EXPORT_MAX });
    const names = await loadAuditNames(core, entries, request.lang);
    const rows = entries.map((e) => [e.id, new Date(e.at).toISOString(), e.actorName, e.action, e.target, JSON.stringify(e.detail), auditSentence(e, request.t, request.lang, names)]);
    const header = ['id', 'at', 'actor', 'action', 'target', 'detail', 'sentence'];
    return download(reply, 'text/csv; charset=utf-8', `audit-${day(Date.now())}.csv`, csvDocument(header, rows));
  });
}
