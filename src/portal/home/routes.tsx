import type { FastifyInstance } from 'fastify';
import { HomePage } from './home-page.js';
import { readStatuses } from '../services/health.js';
import { isLang } from '../../i18n/index.js';
import { safeNext } from '../../server/page-context.js';
import { nextQuery, segment, typed, z } from '../../server/schemas.js';

const YEAR = 365 * 24 * 3600;

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;

  app.get('/', async (request, reply) => {
    const statuses = await readStatuses(core.db, core.services);
    const cards = core.services.all().map((entry) => ({ entry, opening: core.openings.get(entry.id), status: statuses.get(entry.id)! }));
    return reply.page({ title: request.t('home.title') }, (ctx) => <HomePage ctx={ctx} cards={cards} />);
  });

  // The language switch: a plain link (works without JavaScript), remembered for a year.
  typed(app).get('/lang/:lang', { schema: { params: z.object({ lang: segment }), querystring: nextQuery } }, async (request, reply) => {
    if (!isLang(request.params.lang)) return reply.callNotFound();
    reply.setCookie('chaton_lang', request.params.lang, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true, secure: 'auto' });
    return reply.redirect(safeNext(request.query.next), 303);
  });

  // Dismisses the anonymous-use notice for a year.
  typed(app).get('/notice/dismiss', { schema: { querystring: nextQuery } }, async (request, reply) => {
    reply.setCookie('chaton_notice', 'dismissed', { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true, secure: 'auto' });
    return reply.redirect(safeNext(request.query.next), 303);
  });
}
