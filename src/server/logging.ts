// Structured logs with request ids and no address: Fastify's default request serializer logs the
// client's address, ours logs the method, a redacted path and the status only.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Drops the query string and hides path segments that look like secrets (tokens, unguessable names). */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((seg) => (seg.length >= 16 && /^[A-Za-z0-9_-]+$/.test(seg) ? '…' : seg))
    .join('/');
}

export const serializers = {
  req(req: FastifyRequest) {
    return { id: req.id, method: req.method, url: redactUrl(req.url) };
  },
  res(reply: FastifyReply) {
    return { statusCode: reply.statusCode };
  },
};
