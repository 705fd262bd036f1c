// One place where errors become answers: a translated page (or JSON for API clients) with the right
// status. A user's mistake is never a 500; a real fault is logged with its request id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, describeError } from './errors.js';
import { wantsJson } from './content.js';
import { pickLang, translator, type MessageKey, type Params, type Translate } from '../i18n/index.js';
import { ErrorPage } from '../portal/ui/error-page.js';

/**
 * The request's translator, chosen now when the error came before the `onRequest` hook that sets it (a
 * connection reset, a malformed request): error handlers never assume the decorations exist.
 */
export function requestT(request: FastifyRequest): Translate {
  if (typeof request.t !== 'function') {
    request.lang = pickLang(request.cookies?.chaton_lang, request.headers['accept-language']);
    request.t = translator(request.lang);
  }
  return request.t;
}

function answer(request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey, params: Params = {}): FastifyReply {
  const message = requestT(request)(key, params);
  if (wantsJson(request) || request.headers.upgrade) return reply.code(status).send({ error: key, message });
  return reply.page({ title: request.t('error.title'), status }, (ctx) => <ErrorPage ctx={ctx} status={status} message={message} />);
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return answer(request, reply, error.statusCode, error.messageKey, error.params);
    const known = describeError(error);
    if (known) {
      if (known.status === 429 && 'headers' in error) reply.headers((error as { headers?: Record<string, string> }).headers ?? {});
      return answer(request, reply, known.status, known.key);
    }
    request.log.error({ err: error }, 'unexpected error');
    return answer(request, reply, 500, 'error.internal', { id: request.id });
  });
  app.setNotFoundHandler((request, reply) => answer(request, reply, 404, 'error.notFound'));
}
