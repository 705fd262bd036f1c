// The gate in front of every module: its routes are mounted under /<id> behind one onRequest hook that
// applies the service's opening, for plain HTTP and for WebSocket upgrades alike.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceEntry } from '../portal/services/registry.js';
import type { Core } from '../core.js';
import { decideAccess, type Refusal } from '../portal/policy/access.js';
import { RefusalPage } from '../portal/ui/refusal.js';
import { isSignupOpen } from '../portal/accounts/signup-open.js';
import { pick } from '../i18n/index.js';
import { wantsJson } from './content.js';
import { anonymousNoticeApplies, holdForCharter } from '../portal/charters/gate.js';
import { noteSocketVisitor } from './socket-access.js';
import { wantsSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the gate when an anonymous visitor uses a public service. */
    anonymousNotice: boolean;
  }
}

const STATUS: Record<Refusal, number> = { closed: 403, login: 401, admission: 403, group: 403 };

export function refuse(request: FastifyRequest, reply: FastifyReply, entry: ServiceEntry, reason: Refusal): FastifyReply {
  const t = request.t;
  const name = pick(entry.name, request.lang);
  // JSON refusals carry `status: 1` too, which PrivateBin-style API clients read as an error.
  if (request.headers.upgrade?.toLowerCase() === 'websocket' || wantsJson(request)) {
    return reply.code(STATUS[reason]).send({ status: 1, error: `service-${reason}`, message: t(`refusal.${reason}.title`, { service: name }) });
  }
  const opening = request.server.core.openings.get(entry.id);
  return reply.page({ title: t(`refusal.${reason}.title`, { service: name }), status: STATUS[reason] }, (ctx) => (
    <RefusalPage ctx={ctx} service={name} reason={reason} groups={opening.groups} signupOpen={isSignupOpen(request.server.core)} />
  ));
}

export async function mountModule(app: FastifyInstance, core: Core, entry: ServiceEntry): Promise<void> {
  const module = entry.module;
  if (!module) return;
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const decision = decideAccess(core.openings.get(entry.id), request.member);
        if (!decision.allowed) return refuse(request, reply, entry, decision.reason);
        const held = await holdForCharter(request, reply, core.openings.get(entry.id).opening);
        if (held) return held;
        // Only pages show the notice: a JSON answer or a route without sessions spares the lookup.
        if (!wantsJson(request) && wantsSession(request)) {
          request.anonymousNotice = await anonymousNoticeApplies(request, core.openings.get(entry.id).opening);
        }
        // A WebSocket stays open only while the opening admits its visitor (server/socket-access.ts).
        noteSocketVisitor(request, entry.id);
      });
      await scope.register(module.routes, { core });
    },
    { prefix: `/${entry.id}` },
  );
}
