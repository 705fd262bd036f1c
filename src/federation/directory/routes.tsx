// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory's pages (/directory…), the finder (/find/:kind) and the API (/api/directory…).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../server/errors.js';
import { checkChatonsInfosBytes, checkChatonsInfosText, getSubs, type CheckResult } from '../chatonsinfos/index.js';
import { fetcherFor } from '../crawler/crawl.js';
import { FetchError, type FetchErrorCode } from '../crawler/fetcher.js';
import type { MessageKey } from '../../i18n/index.js';
import { Finder, candidates, findableKinds, nearest } from '../finder.js';
import { isKindSlug } from '../kinds.js';
import { publicUrl } from '../../config/public-url.js';
import { parseFilters } from './filters.js';
import { everything, facets, findOrganization, listOrganizations } from './query.js';
import { ListPage } from './list-page.js';
import { ChatonPage } from './chaton-page.js';
import { MapPage } from './map-page.js';
import { FindPage, NoInstancePage } from './find-page.js';
import { ValidatorPage, type ValidationView } from './validator-page.js';
import { ReportPage } from './report-page.js';
import { crawlReport } from './report.js';
import { csv, geojson, organizationJson } from './export.js';
import { anyQuery, anyValue, intString, optionalForm, segment, text, typed, z } from '../../server/schemas.js';
import { gazetteer } from '../gazetteer/load.js';
import { resolveNear } from './near.js';
import { townJson } from './towns.js';

/** At most this many towns per suggestion request. */
const MAX_TOWN_SUGGESTIONS = 10;

const require = createRequire(import.meta.url);
const DIRECTORY_SCRIPT = '/assets/web/directory.js';
const DIRECTORY_STYLE = '/assets/web/directory.css';

/** Lets the map page load tiles from the configured tile server (and nothing else). */
function allowTiles(reply: FastifyReply, tileUrl: string): void {
  if (!tileUrl) return;
  let origin: string;
  try {
    origin = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    return;
  }
  const csp = String(reply.getHeader('content-security-policy') ?? '');
  if (csp) reply.header('content-security-policy', csp.replace("img-src 'self'", `img-src 'self' ${origin}`));
}

function toView(source: string, check: CheckResult): ValidationView {
  return {
    source,
    fileClass: check.fileClass,
    entries: check.document.entries.length,
    errors: check.errors,
    warnings: check.warnings,
    issues: check.issues,
    subs: getSubs(check.document),
  };
}

export async function directoryRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;
  const base = (): string => publicUrl(core.config);
  const finder = new Finder();
  const maxAgeMs = core.config.directory.finder_max_age_minutes * 60_000;

  typed(app).get('/directory', { schema: { querystring: anyQuery } }, async (request, reply) => {
    const f = parseFilters(request.query);
    const near = await resolveNear(core.db, gazetteer, f);
    const [result, fac] = await Promise.all([listOrganizations(core.db, f, near.origin), facets(core.db)]);
    return reply.page({ title: request.t('directory.list.title'), scripts: [DIRECTORY_SCRIPT], styles: [DIRECTORY_STYLE] }, (ctx) => (
      <ListPage ctx={ctx} f={f} facets={fac} result={result} near={near} />
    ));
  });

  typed(app).get('/directory/c/:slug', { schema: { params: z.object({ slug: segment }) } }, async (request, reply) => {
    const found = await findOrganization(core.db, request.params.slug);
    if (!found) throw new AppError(404, 'directory.error.noChaton');
    const files = await core.db
      .selectFrom('dir_files')
      .select(['url', 'kind', 'org_url', 'etag', 'last_modified', 'last_success_at', 'last_checked_at', 'last_error', 'last_error_at', 'issues', 'seen_at'])
      .where('org_url', '=', found.org.url)
      .orderBy('url')
      .execute();
    const history = await core.db.selectFrom('dir_fetch_log').select(['url', 'at', 'outcome', 'detail', 'duration_ms']).where('url', '=', found.org.url).orderBy('at', 'desc').limit(10).execute();
    return reply.page({ title: found.org.name, styles: [DIRECTORY_STYLE] }, (ctx) => <ChatonPage ctx={ctx} org={found.org} services={found.services} files={files} history={history} />);
  });

  app.get('/directory/report', async (request, reply) => {
    const report = await crawlReport(core.db);
    return reply.page({ title: request.t('directory.report.title'), styles: [DIRECTORY_STYLE] }, (ctx) => <ReportPage ctx={ctx} report={report} />);
  });

  app.get('/directory/map', async (request, reply) => {
    const row = await core.db.selectFrom('dir_organizations').select((eb) => eb.fn.countAll<number>().as('n')).where('latitude', 'is not', null).executeTakeFirst();
    allowTiles(reply, core.config.directory.tile_url);
    return reply.page({ title: request.t('directory.map.title'), scripts: [DIRECTORY_SCRIPT], styles: [DIRECTORY_STYLE] }, (ctx) => <MapPage ctx={ctx} count={Number(row?.n ?? 0)} />);
  });

  // The offline base layer: country outlines (world-atlas, public domain Natural Earth data), served by us.
  let outlines: Buffer | undefined;
  app.get('/directory/countries.json', async (_request, reply) => {
    outlines ??= await readFile(require.resolve('world-atlas/countries-110m.json'));
    return reply.type('application/json').header('cache-control', 'public, max-age=86400').send(outlines);
  });

  // The validator: GET ?url= (linkable) and POST (a URL or pasted text, with the CSRF token).
  const validateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const validate = async (url: string, text: string): Promise<{ view?: ValidationView; error?: MessageKey; status: number }> => {
    if (text.trim()) return { view: toView('', checkChatonsInfosText(text)), status: 200 };
    if (!url.trim()) return { error: 'directory.validate.empty', status: 422 };
    if (!/^https?:\/\/\S+$/i.test(url.trim())) return { error: 'directory.validate.badUrl', status: 422 };
    const fetcher = fetcherFor(core.config);
    try {
      const res = await fetcher.fetch(url.trim());
      if (res.status !== 'ok') return { error: 'directory.fetch.http-status', status: 422 };
      return { view: toView(url.trim(), checkChatonsInfosBytes(res.bytes, res.contentType)), status: 200 };
    } catch (err) {
      const code: FetchErrorCode = err instanceof FetchError ? err.code : 'network';
      return { error: `directory.fetch.${code}`, status: 422 };
    } finally {
      await fetcher.close();
    }
  };
  const showValidation = async (reply: FastifyReply, url: string, text: string) => {
    const r = await validate(url, text);
    const t = reply.request.t;
    const error = r.error ? t(r.error) : undefined;
    return reply.page({ title: t('directory.validate.title'), status: r.status, scripts: [DIRECTORY_SCRIPT], styles: [DIRECTORY_STYLE] }, (ctx) => (
      <ValidatorPage ctx={ctx} url={url} text={text} {...(error ? { error } : {})} {...(r.view ? { view: { ...r.view, source: r.view.source || t('directory.validate.pasted') } } : {})} />
    ));
  };
  typed(app).get('/directory/validate', { config: validateLimit, schema: { querystring: z.object({ url: anyValue.optional() }) } }, async (request, reply) => {
    const url = typeof request.query.url === 'string' ? request.query.url.slice(0, 2000) : '';
    if (!url) return reply.page({ title: request.t('directory.validate.title'), scripts: [DIRECTORY_SCRIPT], styles: [DIRECTORY_STYLE] }, (ctx) => <ValidatorPage ctx={ctx} url="" text="" />);
    return showValidation(reply, url, '');
  });
  typed(app).post('/directory/validate', { config: validateLimit, schema: { body: optionalForm } }, async (request, reply) => {
    const body = request.body ?? {};
    const url = typeof body.url === 'string' ? body.url.slice(0, 2000) : '';
    const text = typeof body.text === 'string' ? body.text : '';
    if (Buffer.byteLength(text) > core.config.directory.max_file_bytes) throw new AppError(413, 'error.tooLarge');
    return showValidation(reply, url, text);
  });

  // The finder.
  // "Near" a town (?place=, ?town=) or a position (?lat=&lon=): the finder draws from the nearest services.
  typed(app).get('/find', { schema: { querystring: anyQuery } }, async (request, reply) => {
    const f = parseFilters(request.query);
    const [kinds, near] = await Promise.all([findableKinds(core.db, maxAgeMs), resolveNear(core.db, gazetteer, f)]);
    return reply.page({ title: request.t('directory.find.title'), scripts: [DIRECTORY_SCRIPT], styles: [DIRECTORY_STYLE] }, (ctx) => <FindPage ctx={ctx} kinds={kinds} f={f} near={near} />);
  });
  typed(app).get('/find/:kind', { schema: { params: z.object({ kind: segment }), querystring: anyQuery } }, async (request, reply) => {
    const kind = request.params.kind.toLowerCase();
    if (!isKindSlug(kind)) throw new AppError(404, 'directory.error.badKind');
    const f = parseFilters(request.query);
    const near = await resolveNear(core.db, gazetteer, f);
    const all = await candidates(core.db, kind, maxAgeMs);
    const chosen = finder.pick(near.origin ? nearest(all, near.origin) : all);
    if (!chosen) return reply.page({ title: request.t('directory.find.title'), status: 404 }, (ctx) => <NoInstancePage ctx={ctx} kind={kind} />);
    return reply.header('cache-control', 'no-store').redirect(chosen.website, 303);
  });

  // The API and the exports, for anyone (CORS open, no cookies needed).
  const api = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
  typed(app).get('/api/directory', { schema: { querystring: anyQuery } }, async (request, reply) => {
    const f = parseFilters(request.query);
    const near = await resolveNear(core.db, gazetteer, f);
    const result = await listOrganizations(core.db, f, near.origin, 100);
    return api(reply).send({
      ...(near.town ? { near: townJson(near.town, request.lang) } : {}),
      total: result.total,
      page: result.page,
      pages: result.pages,
      organizations: result.items.map((i) => organizationJson(base(), i.org, i.services, i.distanceKm)),
    });
  });
  // Towns as one types in "Near" (the list's combobox): a few, the exact name and the most populous first.
  const townsLimit = { rateLimit: { max: core.config.directory.town_suggestions_per_minute, timeWindow: '1 minute' } };
  typed(app).get(
    '/api/directory/towns',
    { config: townsLimit, schema: { querystring: z.object({ q: text(100).min(1), country: text(2).optional(), limit: intString(1, MAX_TOWN_SUGGESTIONS).optional() }) } },
    async (request, reply) => {
      const { q, country = '', limit = 8 } = request.query;
      const towns = (await gazetteer()).suggest(q, Number(limit), country.toUpperCase());
      return api(reply).header('cache-control', 'public, max-age=3600').send({ towns: towns.map((t) => townJson(t, request.lang)) });
    },
  );
  typed(app).get('/api/directory/organizations/:slug', { schema: { params: z.object({ slug: segment }) } }, async (request, reply) => {
    const found = await findOrganization(core.db, request.params.slug);
    if (!found) throw new AppError(404, 'directory.error.noChaton');
    return api(reply).send(organizationJson(base(), found.org, found.services));
  });
  app.get('/api/directory/geojson', async (_request, reply) => {
    return api(reply).type('application/geo+json').send(JSON.stringify(geojson(base(), await everything(core.db))));
  });
  app.get('/api/directory/csv', async (_request, reply) => {
    return api(reply).type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="chatons.csv"').send(csv(await everything(core.db)));
  });
}
