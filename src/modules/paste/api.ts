// PrivateBin's JSON API v2 under /paste/: create (paste or comment) and delete by POST/PUT/DELETE with a
// JSON body, read by GET ?<id> or ?pasteid=<id> in JSON mode, delete by GET ?pasteid=&deletetoken=.
// Answers carry PrivateBin's fields: {status:0, id, url, deletetoken…} or {status:1, message}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core.js';
import type { MessageKey, Params } from '../../i18n/index.js';
import { EXPIRY_SECONDS, FormatError, ID_RE } from './format.js';
import type { ApiInput } from './schema.js';
import type { PasteStore } from './store.js';
import { requestT } from '../../server/error-handlers.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the paste JSON API routes: their errors are answered as {status:1, message}. */
    pasteApi?: boolean;
  }
}

export function apiError(request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey, params: Params = {}): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('access-control-allow-origin', '*').send({ status: 1, message: requestT(request)(key, params) });
}

function ok(reply: FastifyReply, body: Record<string, unknown>): FastifyReply {
  return reply.code(200).header('cache-control', 'no-store').header('access-control-allow-origin', '*').send({ status: 0, ...body });
}

/** The paste id of a GET: ?pasteid=<id>, or a bare ?<id> (a key of 16 hex characters with no value). */
export function queryPasteId(query: Record<string, unknown>): string | null {
  if (typeof query.pasteid === 'string' && query.pasteid !== '') return query.pasteid;
  for (const [k, v] of Object.entries(query)) if (v === '' && ID_RE.test(k)) return k;
  return null;
}

export class PasteApi {
  constructor(
    private readonly core: Core,
    private readonly store: PasteStore,
    private readonly base: string,
  ) {}

  private url(id: string): string {
    return `${this.base}?${id}`;
  }

  /** POST, PUT or DELETE with a JSON body, checked by the route's schema (schema.ts). */
  async write(request: FastifyRequest, reply: FastifyReply, input: ApiInput): Promise<FastifyReply> {
    const cfg = this.core.config.paste;
    if (input.kind === 'delete') return this.remove(request, reply, input.pasteid, input.deletetoken);
    if (input.kind === 'comment') {
      const paste = await this.store.peek(input.pasteid);
      if (!paste) return apiError(request, reply, 404, 'paste.api.notFound');
      if (paste.discussion !== 1 || !cfg.discussion) return apiError(request, reply, 403, 'paste.api.discussionClosed');
      if (input.parentid !== input.pasteid && !(await this.store.commentExists(input.pasteid, input.parentid))) {
        return apiError(request, reply, 404, 'paste.api.parentNotFound');
      }
      const id = await this.store.addComment(input);
      return ok(reply, { id, url: this.url(input.pasteid) });
    }
    if (input.discussion && !cfg.discussion) return apiError(request, reply, 403, 'paste.api.discussionClosed');
    // Like PrivateBin, an expiry that is not offered falls back to the default.
    const expire = (cfg.expire_options as string[]).includes(input.expire) ? input.expire : cfg.expire_default;
    const seconds = EXPIRY_SECONDS[expire] ?? 0;
    const now = Date.now();
    const { id, deletetoken } = await this.store.create(input, seconds > 0 ? now + seconds * 1000 : null, now);
    return ok(reply, { id, url: this.url(id), deletetoken });
  }

  async remove(request: FastifyRequest, reply: FastifyReply, pasteid: string, token: string): Promise<FastifyReply> {
    if (!ID_RE.test(pasteid)) return apiError(request, reply, 400, 'paste.api.badId');
    const paste = await this.store.peek(pasteid);
    if (!paste) return apiError(request, reply, 404, 'paste.api.notFound');
    if (!(await this.store.deleteWithToken(paste, token))) return apiError(request, reply, 403, 'paste.api.wrongToken');
    return ok(reply, { id: pasteid, url: this.url(pasteid) });
  }

  /** Whether a paste is still there, without reading or burning it: a burn-after-reading page asks this
   *  before offering to show the text, so a second visitor learns at once that it is gone. */
  async exists(request: FastifyRequest, reply: FastifyReply, id: string | null): Promise<FastifyReply> {
    if (!id || !ID_RE.test(id)) return apiError(request, reply, 400, 'paste.api.badId');
    if (!(await this.store.peek(id))) return apiError(request, reply, 404, 'paste.api.notFound');
    return ok(reply, { id });
  }

  /** GET in JSON mode: the paste as stored (adata untouched), with its comments; burns it if asked. */
  async read(request: FastifyRequest, reply: FastifyReply, id: string): Promise<FastifyReply> {
    if (!ID_RE.test(id)) return apiError(request, reply, 400, 'paste.api.badId');
    const now = Date.now();
    const found = await this.store.read(id, now);
    if (!found) return apiError(request, reply, 404, 'paste.api.notFound');
    const { row, comments } = found;
    const meta = row.expires_at === null ? {} : { time_to_live: Math.max(0, Math.round((row.expires_at - now) / 1000)) };
    return ok(reply, {
      id,
      url: this.url(id),
      v: row.v,
      adata: JSON.parse(row.adata) as unknown,
      ct: row.ct,
      meta,
      comments: comments.map((c) => ({
        v: c.v,
        adata: JSON.parse(c.adata) as unknown,
        ct: c.ct,
        pasteid: c.paste_id,
        id: c.id,
        parentid: c.parent_id,
        meta: { created: Math.floor(c.created_at / 1000) },
      })),
      comment_count: comments.length,
      comment_offset: 0,
      '@context': '?jsonld=paste',
    });
  }
}

/** Bodies of the paste routes: JSON whatever the declared type (PrivateBin's own page sends JSON as a
 *  form type), or a classic form for the deletion confirmation page. */
export function registerBodyParser(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = String(body);
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') && !/^\s*[[{]/.test(text)) {
      done(null, Object.fromEntries(new URLSearchParams(text)));
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new FormatError('paste.api.badJson'), undefined);
    }
  });
}
