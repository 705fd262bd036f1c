import type { FastifyRequest } from 'fastify';

/** True when the client asked for JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return request.headers['x-requested-with'] === 'JSONHttpRequest' || (accept.includes('application/json') && !accept.includes('text/html'));
}
