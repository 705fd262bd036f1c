// What every page needs to render: the language, the translator, the member, a CSRF token on demand.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang, Translate } from '../i18n/index.js';
import type { CurrentMember } from '../portal/accounts/current-member.js';
import type { Config } from '../config/schema.js';

export interface PageCtx {
  lang: Lang;
  t: Translate;
  member: CurrentMember | null;
  /** The path of this page, for the language switch and "back" links. */
  path: string;
  config: Config;
  csrf(): string;
}

export function pageCtx(request: FastifyRequest, reply: FastifyReply): PageCtx {
  let token: string | undefined;
  return {
    lang: request.lang,
    t: request.t,
    member: request.member,
    path: request.url,
    config: request.server.core.config,
    csrf: () => (token ??= reply.generateCsrf()),
  };
}

// The chaton's own origin, as far as a relative target is concerned: any origin works the same, since a
// target is accepted only when it resolves to this very origin.
const SELF = 'http://chaton.invalid';
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: browsers strip some of them
// (`/\t/evil.example` becomes `//evil.example`) and Node refuses the others in a header (a 500).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;
const MAX_TARGET = 2000;

/**
 * The one function that decides every local redirect target taken from a request (`next` of the language
 * switch, the notice, login, signup, charters): a path of this chaton, or `fallback`. The target must be a
 * string starting with a single `/`, without controls or backslashes, and resolve (`new URL`) to the
 * chaton's own origin; what is returned is the normalised, percent-encoded path, query and fragment.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > MAX_TARGET || !next.startsWith('/') || next.startsWith('//') || FORBIDDEN.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF) return fallback;
  const target = url.pathname + url.search + url.hash;
  return target.startsWith('/') && !target.startsWith('//') ? target : fallback;
}
