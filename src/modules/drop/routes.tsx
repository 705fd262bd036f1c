// Drop's routes under /drop: the pages, the JSON API, the service worker that streams decrypted
// downloads to disk, the report form and the admins' reports page.
import { codePoints } from '../../i18n/text-length.js';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Core } from '../../core.js';
import { AppError } from '../../server/errors.js';
import { actorOf, requireAdmin } from '../../portal/admin/guard.js';
import { audit } from '../../portal/audit.js';
import { apiRoutes } from './api-routes.js';
import { AdminReportsPage, OwnerPage, ReceivePage, ReportedPage, SendPage, type ReportRow } from './pages.js';
import { REPORT_MAX_CHARS, deleteShare, dropDb, findShare, isServable } from './store.js';
import { reservationCut, usedBytes } from './quota.js';
import { int4, optionalForm, segment, typed, z } from '../../server/schemas.js';

const byId = z.object({ id: segment });

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
const SCRIPTS = ['/assets/web/drop.js'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

async function adminRoutes(plain: FastifyInstance, core: Core): Promise<void> {
  const app = typed(plain);
  const db = dropDb(core);
  app.addHook('preHandler', requireAdmin);

  app.get('/admin', async (request, reply) => {
    const rows = await db.selectFrom('drop_reports').selectAll().orderBy('id', 'desc').limit(200).execute();
    const reports: ReportRow[] = [];
    for (const r of rows) {
      const share = await findShare(db, r.share_id);
      reports.push({ id: r.id, shareId: r.share_id, reason: r.reason, createdAt: r.created_at, size: share ? Number(share.total_bytes) : null });
    }
    const used = await usedBytes(db, reservationCut(core));
    return reply.page({ title: request.t('drop.admin.title') }, (ctx) => <AdminReportsPage ctx={ctx} reports={reports} used={used} />);
  });

  app.post('/admin/shares/:id/delete', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const share = await findShare(db, request.params.id);
    if (share) {
      await deleteShare(core, share.id);
      await audit(core.db, actorOf(request), 'drop.share.delete', share.id, { bytes: Number(share.total_bytes) });
    }
    return reply.redirect('/drop/admin', 303);
  });

  app.post('/admin/reports/:id/dismiss', { schema: { params: z.object({ id: int4() }), body: optionalForm } }, async (request, reply) => {
    const { id } = request.params;
    const report = await db.selectFrom('drop_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (report) {
      await db.deleteFrom('drop_reports').where('id', '=', id).execute();
      await audit(core.db, actorOf(request), 'drop.report.dismiss', report.share_id, { report: id });
    }
    return reply.redirect('/drop/admin', 303);
  });
}

export const dropRoutes: FastifyPluginAsync<{ core: Core }> = async (plain, { core }) => {
  const app = typed(plain);
  const db = dropDb(core);
  await apiRoutes(plain, core);
  await app.register(async (scope) => adminRoutes(scope, core));

  app.get('/', async (request, reply) => reply.page({ title: request.t('drop.title'), scripts: SCRIPTS }, (ctx) => <SendPage ctx={ctx} opening={core.openings.get('drop')} />));

  app.get('/s/:id', { schema: { params: byId } }, async (request, reply) => {
    const share = await findShare(db, request.params.id);
    if (!isServable(share)) throw new AppError(404, 'drop.receive.gone');
    return reply.page({ title: request.t('drop.receive.title'), scripts: SCRIPTS }, (ctx) => (
      <ReceivePage ctx={ctx} id={share.id} password={share.kdf_iterations > 0} />
    ));
  });

  // Anyone may report a share; nothing about the reporter is stored.
  app.post('/s/:id/report', { config: { rateLimit: { max: 10, timeWindow: '1 hour' } }, schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const share = await findShare(db, request.params.id);
    if (!share) throw new AppError(404, 'drop.error.unknown');
    const reason = typeof request.body?.reason === 'string' ? request.body.reason.trim() : '';
    if (codePoints(reason) > REPORT_MAX_CHARS) {
      return reply.page({ title: request.t('drop.receive.title'), status: 400, scripts: SCRIPTS }, (ctx) => (
        <ReceivePage ctx={ctx} id={share.id} password={share.kdf_iterations > 0} reportError={ctx.t('drop.report.tooLong')} reportValue={reason} />
      ));
    }
    await db.insertInto('drop_reports').values({ share_id: share.id, reason, created_at: Date.now() }).execute();
    return reply.page({ title: request.t('drop.report.title') }, (ctx) => <ReportedPage ctx={ctx} />);
  });

  app.get('/o/:id', { schema: { params: byId } }, async (request, reply) => {
    if (!ID.test(request.params.id)) throw new AppError(404, 'drop.error.unknown');
    return reply.page({ title: request.t('drop.owner.title'), scripts: SCRIPTS }, (ctx) => <OwnerPage ctx={ctx} id={request.params.id} />);
  });

  // The service worker, served under /drop/ so that its scope covers the download URLs /drop/dl/….
  app.get('/sw.js', async (_request, reply) => {
    let body: Buffer;
    try {
      body = await readFile(join(root, 'dist', 'web', 'drop-sw.js'));
    } catch {
      throw new AppError(404, 'error.notFound');
    }
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(body);
  });
};
