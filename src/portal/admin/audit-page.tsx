// /admin/audit: the log of every admin change, newest first, by pages of 50.
import { When } from '../ui/when.js';
import type { FastifyInstance } from 'fastify';
import type { PageCtx } from '../../server/page-context.js';
import { readAudit, type AuditEntry } from '../audit.js';
import { AdminNav } from './admin-nav.js';
import { DataTable } from '../ui/data-table.js';
import { int4, typed, z } from '../../server/schemas.js';

const PAGE = 50;

export function AuditTable({ ctx, entries }: { ctx: PageCtx; entries: AuditEntry[] }) {
  const { t } = ctx;
  return (
    <DataTable caption={t('admin.audit.caption')} headers={[t('admin.audit.when'), t('admin.audit.who'), t('admin.audit.what'), t('admin.audit.target'), t('admin.audit.detail')]}>
      {entries.map((e) => (
        <tr>
          <td><When ctx={ctx} at={e.at} style="dateTime" /></td>
          <td>{e.actorName}</td>
          <td><code>{e.action}</code></td>
          <td>{e.target}</td>
          <td><code>{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''}</code></td>
        </tr>
      ))}
    </DataTable>
  );
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  typed(app).get('/audit', { schema: { querystring: z.object({ before: int4().optional() }) } }, async (request, reply) => {
    const { before } = request.query;
    const entries = await readAudit(app.core.db, { limit: PAGE, ...(before ? { before } : {}) });
    const last = entries.at(-1);
    return reply.page({ title: request.t('admin.audit.title') }, (ctx) => (
      <>
        <AdminNav ctx={ctx} />
        <h1>{ctx.t('admin.audit.title')}</h1>
        {entries.length === 0 ? <p>{ctx.t('admin.audit.empty')}</p> : <AuditTable ctx={ctx} entries={entries} />}
        {entries.length === PAGE && last && (
          <p>
            <a href={`/admin/audit?before=${last.id}`}>{ctx.t('admin.audit.older')}</a>
          </p>
        )}
      </>
    ));
  });
}
