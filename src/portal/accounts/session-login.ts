// Starting and ending a member's session. A new session id at every login: no session fixation.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pendingMemberCharter } from '../charters/store.js';
import { safeNext } from '../../server/page-context.js';
import { recordLogin } from './members.js';

export async function startSession(request: FastifyRequest, memberId: string): Promise<void> {
  await request.session.regenerate();
  request.session.memberId = memberId;
  await recordLogin(request.server.core.db, memberId, request.lang);
}

export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) await request.session.destroy();
  reply.clearCookie('chaton_session', { path: '/' });
}

/** Where to go after logging in: the member charter to accept first if there is a new one, else `next`. */
export async function afterLogin(request: FastifyRequest, memberId: string, next: unknown, fallback = '/'): Promise<string> {
  const target = safeNext(next, fallback);
  if (await pendingMemberCharter(request.server.core.db, memberId)) return `/charters/accept?next=${encodeURIComponent(target)}`;
  return target;
}
