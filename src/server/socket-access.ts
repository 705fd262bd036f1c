// Long-lived connections follow the service's opening: the gate notes who opened each WebSocket, and
// when an admin changes the opening (in this process or another, through the bus) every socket whose
// visitor no longer qualifies is closed at once, with a close code saying why (ACCESS_CLOSE). As a second
// wall, each incoming message is checked first (the opening is in memory): one that arrives after the
// change never reaches the module. The same holds when a member's role, admission, groups or account
// change (`announceMemberChange`). Modules need no code of their own for this.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Core } from '../core.js';
import { loadMember, type CurrentMember } from '../portal/accounts/current-member.js';
import { decideAccess, type Refusal } from '../portal/policy/access.js';
import type { OpeningStore } from '../portal/policy/openings.js';
import { ACCESS_CLOSE } from '../portal/policy/close-codes.js';

const VISITOR = Symbol('chaton.socketVisitor');
const MEMBERS_CHANNEL = 'members';

interface SocketVisitor { serviceId: string; member: CurrentMember | null }
type MarkedRequest = IncomingMessage & { [VISITOR]?: SocketVisitor };

/** Called by the gate once it let a request through: notes the service and visitor of a WebSocket upgrade. */
export function noteSocketVisitor(request: FastifyRequest, serviceId: string): void {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
  (request.raw as MarkedRequest)[VISITOR] = { serviceId, member: request.member };
}

/** Watches every WebSocket accepted after a gate noted its visitor (once per app). */
export function guardSockets(app: FastifyInstance, core: Core): void {
  const byMember = new Map<string, Set<SocketFollower>>();
  app.websocketServer.on('connection', (ws: WebSocket, raw: IncomingMessage) => {
    const visitor = (raw as MarkedRequest)[VISITOR];
    if (!visitor) return;
    const follower = followOpening(ws, core.openings, visitor.serviceId, visitor.member);
    const id = visitor.member?.id;
    if (!id) return;
    let set = byMember.get(id);
    if (!set) byMember.set(id, (set = new Set()));
    set.add(follower);
    ws.once('close', () => {
      set.delete(follower);
      if (!set.size) byMember.delete(id);
    });
  });
  // A member changed (in any process): their sockets are checked again with what they are now.
  const subscribed = core.bus.subscribe(MEMBERS_CHANNEL, (message) => {
    const id = message.toString();
    const followers = byMember.get(id);
    if (!followers) return;
    loadMember(core.db, id).then(
      (member) => {
        for (const f of followers) f.recheck(member);
      },
      (err: unknown) => core.log.warn({ err }, 'member reload for open sockets failed'),
    );
  }).catch((err: unknown) => {
    core.log.error({ err }, 'open sockets will not follow member changes');
    return async () => undefined;
  });
  app.addHook('onClose', async () => {
    await (await subscribed)();
  });
}

/** Tells every process that a member's role, admission, groups or account changed. */
export async function announceMemberChange(core: Core, memberId: string): Promise<void> {
  await core.bus.publish(MEMBERS_CHANNEL, memberId);
}

export interface SocketFollower {
  /** Checks the socket again for the member as they are now (null: no longer a member). */
  recheck(member: CurrentMember | null): void;
}

/** Closes `ws` as soon as the service's opening refuses `member`, and lets no message through after that. */
export function followOpening(ws: WebSocket, openings: OpeningStore, serviceId: string, visitor: CurrentMember | null): SocketFollower {
  let withdrawn = false;
  let member = visitor;
  const refusal = (): Refusal | null => {
    const decision = decideAccess(openings.get(serviceId), member);
    return decision.allowed ? null : decision.reason;
  };
  const withdraw = (reason: Refusal) => {
    withdrawn = true;
    stop();
    if (ws.readyState === ws.CONNECTING || ws.readyState === ws.OPEN) ws.close(ACCESS_CLOSE[reason], reason);
  };
  const stop = openings.onChange((id) => {
    if (id !== serviceId || withdrawn) return;
    const reason = refusal();
    if (reason) withdraw(reason);
  });
  ws.once('close', stop);
  const emit = ws.emit.bind(ws);
  ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'message') {
      if (withdrawn) return false;
      const reason = refusal();
      if (reason) {
        withdraw(reason);
        return false;
      }
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
  return {
    recheck(now) {
      member = now;
      const reason = withdrawn ? null : refusal();
      if (reason) withdraw(reason);
    },
  };
}
