// Long-lived connections follow the service's opening: the gate notes who opened each WebSocket, and
// when an admin changes the opening (in this process or another, through the bus) every socket whose
// visitor no longer qualifies is closed at once, with a close code saying why (ACCESS_CLOSE). As a second
// wall, each incoming message is checked first (the opening is in memory): one that arrives after the
// change never reaches the module. Modules need no code of their own for this.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Core } from '../core.js';
import type { CurrentMember } from '../portal/accounts/current-member.js';
import { decideAccess, type Refusal } from '../portal/policy/access.js';
import type { OpeningStore } from '../portal/policy/openings.js';
import { ACCESS_CLOSE } from '../portal/policy/close-codes.js';

const VISITOR = Symbol('chaton.socketVisitor');

interface SocketVisitor { serviceId: string; member: CurrentMember | null }
type MarkedRequest = IncomingMessage & { [VISITOR]?: SocketVisitor };

/** Called by the gate once it let a request through: notes the service and visitor of a WebSocket upgrade. */
export function noteSocketVisitor(request: FastifyRequest, serviceId: string): void {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
  (request.raw as MarkedRequest)[VISITOR] = { serviceId, member: request.member };
}

/** Watches every WebSocket accepted after a gate noted its visitor (once per app). */
export function guardSockets(app: FastifyInstance, core: Core): void {
  app.websocketServer.on('connection', (ws: WebSocket, raw: IncomingMessage) => {
    const visitor = (raw as MarkedRequest)[VISITOR];
    if (visitor) followOpening(ws, core.openings, visitor.serviceId, visitor.member);
  });
}

/** Closes `ws` as soon as the service's opening refuses `member`, and lets no message through after that. */
export function followOpening(ws: WebSocket, openings: OpeningStore, serviceId: string, member: CurrentMember | null): void {
  let withdrawn = false;
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
}
