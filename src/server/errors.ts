// Errors a person can understand: an AppError names a message of the catalogue and an HTTP status.
import type { MessageKey, Params } from '../i18n/index.js';

export class AppError extends Error {
  constructor(readonly statusCode: number, readonly messageKey: MessageKey, readonly params: Params = {}) {
    super(messageKey);
    this.name = 'AppError';
  }
}

/** Maps Fastify's and its plugins' error codes for bad input to a status and a message. */
export function describeError(err: { code?: string; statusCode?: number; validation?: unknown; validationContext?: string }): { status: number; key: MessageKey } | null {
  // A route's schema refused the request: the form, or the address (path, query) or a header.
  if (err.validation) return { status: 400, key: err.validationContext === 'body' ? 'error.badForm' : 'error.badRequest' };
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, key: 'error.tooLarge' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, key: 'error.mediaType' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, key: 'error.badForm' };
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, key: 'error.csrf' };
    case 'FST_ERR_RATE_LIMIT':
      return { status: 429, key: 'error.rateLimited' };
  }
  if (err.statusCode === 429) return { status: 429, key: 'error.rateLimited' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { status: err.statusCode, key: 'error.badRequest' };
  return null;
}
