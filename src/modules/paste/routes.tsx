// The paste module's routes under /paste: one page for writing and reading, PrivateBin's JSON API on
// the same path, and the deletion confirmation. API errors are answered PrivateBin's way.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core.js';
import { AppError, describeError } from '../../server/errors.js';
import { wantsJson } from '../../server/content.js';
import { PasteApi, apiError, queryPasteId, registerBodyParser } from './api.js';
import { FormatError, ID_RE } from './format.js';
import { apiBody, bodyErrorKey, bodyErrorStatus } from './schema.js';
import { PasteStore, pasteDb } from './store.js';
import { DeletePage, PastePage } from './pages.js';
import { formatBytes } from '../../i18n/bytes.js';
import { anyQuery, optionalForm, typed } from '../../server/schemas.js';

const PAGE_ASSETS = { scripts: ['/assets/web/paste.js'], styles: ['/assets/web/paste.css'] };

export const pasteRoutes: FastifyPluginAsync<{ core: Core }> = async (app, { core }) => {
  const cfg = core.config.paste;
  const store = new PasteStore(pasteDb(core));
  const api = new PasteApi(core, store, `${app.prefix}/`);
  registerBodyParser(app, cfg.max_bytes + 64 * 1024);

  const isApi = (request: FastifyRequest): boolean => request.routeOptions.config.pasteApi === true || wantsJson(request);

  app.setErrorHandler((error: FastifyError | AppError | FormatError, request, reply) => {
    if (!isApi(request)) {
      if (error instanceof FormatError) throw new AppError(error.status, error.key);
      throw error;
    }
    if (error instanceof FormatError) return apiError(request, reply, error.status, error.key);
    // A request refused before its handler (the NUL guard, a schema) gets PrivateBin's words: a write's
    // body is not a paste (or the message of the check it failed), a read's address is not an id.
    const refused = request.routeOptions.config.pasteApi === true ? 'paste.api.badData' : 'paste.api.badId';
    if (error instanceof AppError && error.messageKey === 'error.badRequest') return apiError(request, reply, 400, refused);
    if (error instanceof AppError) return apiError(request, reply, error.statusCode, error.messageKey, error.params);
    if (error.validation) {
      if (error.validationContext !== 'body') return apiError(request, reply, 400, refused);
      const key = bodyErrorKey(error.validation);
      return apiError(request, reply, bodyErrorStatus(key), key, { size: formatBytes(cfg.max_bytes, request.lang) });
    }
    const known = describeError(error);
    if (known?.status === 413) return apiError(request, reply, 413, 'paste.api.tooLarge', { size: formatBytes(cfg.max_bytes, request.lang) });
    if (known?.status === 415) return apiError(request, reply, 415, 'paste.api.mediaType');
    if (known?.status === 400) return apiError(request, reply, 400, 'paste.api.badJson');
    if (known) {
      if (known.status === 429 && 'headers' in error) reply.headers((error as { headers?: Record<string, string> }).headers ?? {});
      return apiError(request, reply, known.status, known.key);
    }
    request.log.error({ err: error }, 'unexpected error');
    return apiError(request, reply, 500, 'paste.api.internal', { id: request.id });
  });

  const showPage = (request: FastifyRequest, reply: FastifyReply, mode: 'write' | 'read'): FastifyReply =>
    reply.page({ title: request.t(mode === 'read' ? 'paste.read.title' : 'paste.title'), ...PAGE_ASSETS }, (ctx) => <PastePage ctx={ctx} mode={mode} opening={core.openings.get('paste')} />);

  // No automatic HEAD: a HEAD in JSON mode must never burn a paste.
  // The JSON answers (read, delete) need no session; the pages do (the layout names the member).
  typed(app).get('/', { exposeHeadRoute: false, schema: { querystring: anyQuery }, config: { session: (request: FastifyRequest) => !wantsJson(request) } }, async (request, reply) => {
    const id = queryPasteId(request.query);
    const token = typeof request.query.deletetoken === 'string' ? request.query.deletetoken : '';
    if (id && token) {
      if (wantsJson(request)) return api.remove(request, reply, id, token);
      // A link preview must not delete: the page asks first.
      return reply.page({ title: request.t('paste.delete.title') }, (ctx) => <DeletePage ctx={ctx} pasteid={id} token={token} done={false} />);
    }
    if (id && wantsJson(request)) return api.read(request, reply, id);
    // A JSON client that gave something else than an id gets PrivateBin's answer, not the page.
    if (!id && wantsJson(request) && Object.keys(request.query).length > 0) return apiError(request, reply, 400, 'paste.api.badId');
    return showPage(request, reply, id ? 'read' : 'write');
  });

  // Answers in JSON whatever the headers: it never burns, so a link preview may call it safely.
  typed(app).get('/exists', { schema: { querystring: anyQuery }, config: { pasteApi: true, session: false } }, async (request, reply) =>
    api.exists(request, reply, queryPasteId(request.query)));

  const writeRoute = {
    config: { csrf: false, session: false, pasteApi: true, rateLimit: { max: cfg.rate_limit_max, timeWindow: cfg.rate_limit_window_seconds * 1000 } },
    bodyLimit: cfg.max_bytes + 64 * 1024,
  };
  const writeSchema = { ...writeRoute, schema: { body: apiBody(cfg.max_bytes) } };
  typed(app).post('/', writeSchema, (request, reply) => api.write(request, reply, request.body));
  typed(app).put('/', writeSchema, (request, reply) => api.write(request, reply, request.body));
  typed(app).delete('/', writeSchema, (request, reply) => api.write(request, reply, request.body));

  typed(app).post('/delete', { schema: { body: optionalForm } }, async (request, reply) => {
    const pasteid = request.body?.pasteid;
    const token = request.body?.deletetoken;
    if (typeof pasteid !== 'string' || typeof token !== 'string' || !ID_RE.test(pasteid)) throw new AppError(400, 'paste.api.badId');
    const paste = await store.peek(pasteid);
    if (!paste) throw new AppError(404, 'paste.api.notFound');
    if (!(await store.deleteWithToken(paste, token))) throw new AppError(403, 'paste.api.wrongToken');
    return reply.page({ title: request.t('paste.delete.title') }, (ctx) => <DeletePage ctx={ctx} pasteid={pasteid} token="" done />);
  });
};
