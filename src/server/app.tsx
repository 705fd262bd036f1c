// Builds the Fastify application: security headers, cookies, forms, sessions, CSRF, languages, errors,
// static assets, the portal's routes and every module behind the gate.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import type { Core } from '../core.js';
import { pickLang, translator, type Lang, type Translate } from '../i18n/index.js';
import { loadMember, type CurrentMember } from '../portal/accounts/current-member.js';
import { registerSecurityHeaders } from './security.js';
import { registerSessions } from './sessions.js';
import { registerRender } from './render.js';
import { serializers } from './logging.js';
import { registerErrorHandlers } from './error-handlers.js';
import { holdsNul, registerSchemas } from './schemas.js';
import { recordRoutes } from './route-list.js';
import { GroupedStore } from './rate-limit-store.js';
import { countsHits } from '../storage/bus.js';
import { AppError } from './errors.js';
import { mountModule } from './gate.js';
import { guardSockets } from './socket-access.js';
import { portalRoutes } from '../portal/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    core: Core;
  }
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
    member: CurrentMember | null;
    /** HMAC of the client's address with the day's salt: never the address itself. */
    ipHash: string;
  }
  interface FastifyContextConfig {
    /** false on routes that take no cookie-authenticated form (JSON APIs for anonymous clients). */
    csrf?: boolean;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));

export async function buildApp(core: Core): Promise<FastifyInstance> {
  const { config } = core;
  const app = Fastify({
    loggerInstance: core.log.child({}, { serializers }) as FastifyBaseLogger,
    trustProxy: config.trust_proxy,
    bodyLimit: config.limits.body_bytes,
    genReqId: () => randomBytes(8).toString('hex'),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.decorate('core', core);
  recordRoutes(app);
  app.decorateRequest('lang', 'fr');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('member', null);
  // Computed on first use (rate limits, pads, drops): a request that needs no address pays no HMAC.
  const ipHashes = new WeakMap<object, string>();
  app.decorateRequest('ipHash', {
    getter(this: FastifyRequest) {
      let hash = ipHashes.get(this);
      if (hash === undefined) ipHashes.set(this, (hash = core.ipHasher.hash(this.ip)));
      return hash;
    },
  });
  app.decorateRequest('anonymousNotice', false);

  registerSecurityHeaders(app);
  await app.register(cookie, { secret: config.secrets.session });
  await app.register(formbody, { bodyLimit: config.limits.body_bytes });
  await app.register(csrf, { cookieKey: 'chaton_csrf', cookieOpts: { httpOnly: true, sameSite: 'lax', path: '/', signed: true, secure: 'auto' } });
  await registerSessions(app, core.db, config.secrets.session, config.accounts.session_days);
  // Rate limits hold across processes when they share Redis, or the primary of the workers mode.
  const sharedHits = countsHits(core.bus) ? core.bus.hit.bind(core.bus) : undefined;
  await app.register(rateLimit, { global: false, keyGenerator: (req) => req.ipHash, store: GroupedStore.sharedBy(sharedHits) });
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
  guardSockets(app, core);
  registerRender(app);
  registerErrorHandlers(app);
  registerSchemas(app);

  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.cookies.chaton_lang, request.headers['accept-language']);
    request.t = translator(request.lang);
    const memberId = request.session?.memberId;
    if (memberId) {
      request.member = await loadMember(core.db, memberId);
      if (!request.member) await request.session.destroy();
    }
  });
  // No NUL byte anywhere in a path, query or body, whatever the route's schema says: nothing stored
  // may hold one (PostgreSQL refuses them, SQLite would keep them).
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) throw new AppError(400, 'error.badRequest');
  });
  // CSRF on every state-changing request, once the form body is parsed.
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (!unsafe || request.routeOptions.config.csrf === false || request.headers.upgrade) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifyStatic, { root: join(root, 'public'), prefix: '/assets/', maxAge: '1h', index: false });
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });
  // Browser bundles built by Vite (npm run build:web): stable names, so revalidated on each use.
  await app.register(fastifyStatic, { root: join(root, 'dist', 'web'), prefix: '/assets/web/', cacheControl: false, decorateReply: false, index: false, setHeaders: (reply) => void reply.header('cache-control', 'no-cache') });

  app.get('/healthz', { config: { session: false } }, async (_request, reply) => {
    const ok = await core.db.selectFrom('settings').select('key').limit(1).execute().then(() => true, () => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
  });

  await app.register(portalRoutes);
  for (const entry of core.services.all()) await mountModule(app, core, entry);
  return app;
}
