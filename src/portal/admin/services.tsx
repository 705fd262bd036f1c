// /admin/services: each service's opening (and, for members-only services, the groups it is limited to),
// changed at runtime; every change is audited and reaches every process through the bus.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OPENINGS, type Opening } from '../../config/schema.js';
import type { PageCtx } from '../../server/page-context.js';
import type { ServiceEntry } from '../services/registry.js';
import type { ServiceOpening } from '../policy/openings.js';
import { readStatuses, checkAll, type ServiceStatus } from '../services/health.js';
import { detailText } from '../services/health-detail.js';
import { OpeningBadge, StatusBadge } from '../ui/badges.js';
import { AdminNav } from './admin-nav.js';
import { audit } from '../audit.js';
import { actorOf } from './guard.js';
import { AppError } from '../../server/errors.js';
import { formatTime, pick } from '../../i18n/index.js';
import { byId, intString, optionalForm, segment, typed } from '../../server/schemas.js';

interface Row { entry: ServiceEntry; opening: ServiceOpening; status: ServiceStatus }
interface Group { id: string; name: string }

/** What the last "check now" found: the services checked at or after that moment, by status. */
export interface CheckReport { at: number; total: number; up: number; down: number; unknown: number }

export function checkReport(at: number, statuses: Iterable<ServiceStatus>): CheckReport {
  const report: CheckReport = { at, total: 0, up: 0, down: 0, unknown: 0 };
  for (const s of statuses) {
    if (s.checkedAt === null || s.checkedAt < at) continue;
    report.total += 1;
    report[s.status] += 1;
  }
  return report;
}

function ServicesPage({ ctx, rows, groups, saved, checked }: { ctx: PageCtx; rows: Row[]; groups: Group[]; saved: string | undefined; checked: CheckReport | undefined }) {
  const { t, lang } = ctx;
  return (
    <>
      <AdminNav ctx={ctx} />
      <h1>{t('admin.services.title')}</h1>
      <p>{t('admin.services.intro')}</p>
      {saved && (
        <p class="flash" role="status">
          {t('admin.services.saved', { service: saved })}
        </p>
      )}
      {checked && (
        <p class="flash" role="status">
          {t('admin.services.checked', { n: checked.total, time: formatTime(checked.at, lang), up: checked.up, down: checked.down, unknown: checked.unknown })}
        </p>
      )}
      <form method="post" action="/admin/services/check">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <button type="submit" class="secondary">{t('admin.services.checkNow')}</button>
      </form>
      {rows.length === 0 && <p>{t('admin.services.none')}</p>}
      {rows.map(({ entry, opening, status }) => {
        const id = `svc-${entry.id}`;
        return (
          <section class="card admin-service" aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`}>{pick(entry.name, lang)}</h2>
            <p class="meta">
              {t(entry.source === 'builtin' ? 'admin.services.builtin' : 'admin.services.external')} · <code>{entry.href}</code>
            </p>
            <p class="badges">
              <OpeningBadge t={t} opening={opening.opening} />
              <StatusBadge ctx={ctx} status={status} />
              {status.detail && <span class="muted">{detailText(status.detail, t)}</span>}
            </p>
            <form method="post" action={`/admin/services/${entry.id}`} class="stack">
              <input type="hidden" name="_csrf" value={ctx.csrf()} />
              <div>
                <label for={`${id}-opening`}>{t('admin.services.opening')}</label>
                <select id={`${id}-opening`} name="opening">
                  {OPENINGS.map((o) => (
                    <option value={o} selected={o === opening.opening}>
                      {t(`opening.${o}`)} — {t(`admin.services.openingHelp.${o}`)}
                    </option>
                  ))}
                </select>
              </div>
              {groups.length > 0 && (
                <fieldset>
                  <legend>{t('admin.services.groups')}</legend>
                  <span class="hint">{t('admin.services.groupsHint')}</span>
                  {groups.map((g) => (
                    <label class="check" for={`${id}-g-${g.id}`}>
                      <input type="checkbox" id={`${id}-g-${g.id}`} name="groups" value={g.id} checked={opening.groups.includes(g.id)} /> {g.name}
                    </label>
                  ))}
                </fieldset>
              )}
              <div>
                <button type="submit">{t('admin.services.save')}</button>
              </div>
            </form>
          </section>
        );
      })}
    </>
  );
}

const openingForm = z.object({
  opening: z.enum(OPENINGS),
  groups: z.union([z.string(), z.array(z.string())]).optional(),
});

export async function serviceAdminRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;

  typed(app).get('/services', { schema: { querystring: z.object({ saved: segment.optional(), checked: intString().optional() }) } }, async (request, reply) => {
    const statuses = await readStatuses(core.db, core.services);
    const rows = core.services.all().map((entry) => ({ entry, opening: core.openings.get(entry.id), status: statuses.get(entry.id)! }));
    const groups = await core.db.selectFrom('groups').select(['id', 'name']).orderBy('name').execute();
    const saved = request.query.saved ? core.services.get(request.query.saved) : undefined;
    const checked = request.query.checked === undefined ? undefined : checkReport(request.query.checked, statuses.values());
    return reply.page({ title: request.t('admin.services.title') }, (ctx) => (
      <ServicesPage ctx={ctx} rows={rows} groups={groups} saved={saved ? pick(saved.name, request.lang) : undefined} checked={checked} />
    ));
  });

  typed(app).post('/services/check', { schema: { body: optionalForm } }, async (_request, reply) => {
    // The page then says what was checked, from the stored results at or after this moment.
    const at = Date.now();
    await checkAll(core);
    return reply.redirect(`/admin/services?checked=${at}`, 303);
  });

  typed(app).post('/services/:id', { schema: { params: byId, body: optionalForm } }, async (request, reply) => {
    const entry = core.services.get(request.params.id);
    if (!entry) throw new AppError(404, 'admin.services.unknown');
    const parsed = openingForm.safeParse(request.body);
    if (!parsed.success) throw new AppError(400, 'admin.services.badOpening');
    const wanted = parsed.data.groups === undefined ? [] : Array.isArray(parsed.data.groups) ? parsed.data.groups : [parsed.data.groups];
    const known = new Set((await core.db.selectFrom('groups').select('id').execute()).map((g) => g.id));
    if (wanted.some((g) => !known.has(g))) throw new AppError(400, 'admin.services.badGroup');
    const opening: Opening = parsed.data.opening;
    const groups = opening === 'members' ? [...new Set(wanted)] : [];
    const before = core.openings.get(entry.id);
    await core.openings.set(entry.id, { opening, groups });
    await audit(core.db, actorOf(request), 'service.opening', entry.id, { from: before.opening, to: opening, groups });
    return reply.redirect(`/admin/services?saved=${encodeURIComponent(entry.id)}`, 303);
  });
}
