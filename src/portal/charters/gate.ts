// What the charters add to the gate in front of services: a member must accept the member charter in
// force before using a service that needs an account; the anonymous-use notice only points to a
// charter that exists.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Opening } from '../../config/schema.js';
import { wantsJson } from '../../server/content.js';
import { isPublished, pendingMemberCharter } from './store.js';

/** Holds back a member with a pending member charter from a `signup` or `members` service: HTML requests
 * go to /charters/accept (and back afterwards), WebSocket and JSON clients get a 403. */
export async function holdForCharter(request: FastifyRequest, reply: FastifyReply, opening: Opening): Promise<FastifyReply | undefined> {
  const member = request.member;
  if (!member || (opening !== 'signup' && opening !== 'members')) return undefined;
  if (!(await pendingMemberCharter(request.server.core.db, member.id))) return undefined;
  const accept = `/charters/accept?next=${encodeURIComponent(request.url)}`;
  if (request.headers.upgrade?.toLowerCase() === 'websocket' || wantsJson(request)) {
    return reply.code(403).send({ error: 'charter-pending', message: request.t('charters.accept.pending'), accept });
  }
  return reply.redirect(accept, 303);
}

/** The anonymous-use notice applies to anonymous visitors of a public service, once that charter is published. */
export async function anonymousNoticeApplies(request: FastifyRequest, opening: Opening): Promise<boolean> {
  return !request.member && opening === 'public' && (await isPublished(request.server.core.db, 'anonymous'));
}
