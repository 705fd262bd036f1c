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

/** A same-site path to go back to after a form, or '/'. Refuses absolute and protocol-relative URLs. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next.slice(0, 2000);
}
