// /admin: what needs attention at a glance.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../storage/database.js';
import { AdminNav } from './admin-nav.js';
import { AuditTable, loadAuditNames } from './audit-page.js';
import { readAudit } from '../audit.js';
import { readStatuses } from '../services/health.js';
import { publicUrlMismatch } from '../../config/public-url.js';
import { FirstSteps, readFirstSteps } from './first-steps.js';
import { mailConfigured } from '../../mail/configured.js';

async function count(db: Db, table: 'members' | 'groups', where?: { admitted: number }): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where && table === 'members') q = q.where('admitted', '=', where.admitted);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  app.get('/', async (request, reply) => {
    const [members, waiting, groups, pendingInvites, statuses, recent, mailStats] = await Promise.all([
      count(core.db, 'members'),
      count(core.db, 'members', { admitted: 0 }),
      count(core.db, 'groups'),
      core.db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('used_at', 'is', null)
        .where('expires_at', '>', Date.now())
        .executeTakeFirst()
        .then((r) => Number(r?.n ?? 0)),
      readStatuses(core.db, core.services),
      readAudit(core.db, { limit: 5 }),
      core.mail.configured ? core.mail.stats() : null,
    ]);
    const names = await loadAuditNames(core, recent, request.lang);
    const down = [...statuses.values()].filter((s) => s.status === 'down').length;
    // Reached under another address than public_url: every link the chaton gives would lead there.
    const configured = publicUrlMismatch(core.config, request.protocol, request.host);
    const steps = await readFirstSteps(core, { mismatch: configured, mailConfigured: mailConfigured(core.config), lang: request.lang });
    return reply.page({ title: request.t('admin.dashboard.title') }, (ctx) => {
      const { t } = ctx;
      return (
        <>
          <AdminNav ctx={ctx} />
          <h1>{t('admin.dashboard.title')}</h1>
          {configured && (
            <p class="notice" role="alert">{t('admin.dashboard.publicUrlMismatch', { configured, here: `${request.protocol}://${request.host}` })}</p>
          )}
          <FirstSteps ctx={ctx} state={steps} />
          <ul class="cards">
            <li class="card"><a href="/admin/members">{t('admin.dashboard.members', { n: members })}</a></li>
            <li class="card"><a href="/admin/members">{t('admin.dashboard.waiting', { n: waiting })}</a></li>
            <li class="card"><a href="/admin/groups">{t('admin.dashboard.groups', { n: groups })}</a></li>
            <li class="card"><a href="/admin/invitations">{t('admin.dashboard.invitations', { n: pendingInvites })}</a></li>
            <li class="card"><a href="/admin/services">{t('admin.dashboard.services', { n: statuses.size, down })}</a></li>
            <li class="card mail-state">{mailStats ? t('mail.dashboard.state', { waiting: mailStats.waiting, failed: mailStats.failed }) : t('mail.dashboard.off')}</li>
          </ul>
          <h2>{t('admin.dashboard.recent')}</h2>
          {recent.length === 0 ? <p>{t('admin.audit.empty')}</p> : <AuditTable ctx={ctx} entries={recent} names={names} />}
          <p><a href="/admin/audit">{t('admin.dashboard.allAudit')}</a></p>
        </>
      );
    });
  });
}
