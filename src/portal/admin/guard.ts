// Admin pages: only admins; anonymous visitors are sent to the login page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../audit.js';

export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  if (request.member.role !== 'admin') throw new AppError(403, 'error.adminOnly');
}

export async function requireMember(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
}

export function actorOf(request: FastifyRequest): Actor {
  return { id: request.member?.id ?? null, name: request.member?.username ?? 'anonymous' };
}
