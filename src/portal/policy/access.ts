// The access decision for a service, given its opening and the visitor. One function, used by the
// gate in front of every module route (HTTP and WebSocket) and by the portal's cards.
import type { ServiceOpening } from './openings.js';
import type { CurrentMember } from '../accounts/current-member.js';

export type Refusal = 'closed' | 'login' | 'admission' | 'group';
export type Decision = { allowed: true } | { allowed: false; reason: Refusal };

export function decideAccess(opening: ServiceOpening, member: CurrentMember | null): Decision {
  switch (opening.opening) {
    case 'public':
      return { allowed: true };
    case 'closed':
      return member?.role === 'admin' ? { allowed: true } : { allowed: false, reason: 'closed' };
    case 'signup':
      return member ? { allowed: true } : { allowed: false, reason: 'login' };
    case 'members': {
      if (!member) return { allowed: false, reason: 'login' };
      if (member.role === 'admin') return { allowed: true };
      if (!member.admitted) return { allowed: false, reason: 'admission' };
      if (opening.groups.length > 0 && !member.groups.some((g) => opening.groups.includes(g.id))) return { allowed: false, reason: 'group' };
      return { allowed: true };
    }
  }
}
