// Member sessions, stored in the database (@fastify/session with a Kysely store). The store keeps only
// a hash of the session id, so a copy of the database gives no usable cookie.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import fastifySession from '@fastify/session';
import type { Db } from '../storage/database.js';

declare module 'fastify' {
  interface Session {
    memberId?: string;
  }
  interface FastifyContextConfig {
    /**
     * false (or a function of the request answering false) on routes that never start a session (JSON APIs, health): a request without a session
     * cookie then gets no session object (`request.session` stays null) and no member, which spares
     * a random id and its signature on every such request. A request that carries the cookie still
     * gets its session, so a member's access to a members-only service is decided as everywhere.
     */
    session?: boolean | ((request: FastifyRequest) => boolean);
  }
}

const hash = (sid: string): string => createHash('sha256').update(sid).digest('base64url');

export class DbSessionStore implements fastifySession.SessionStore {
  constructor(private readonly db: Db, private readonly defaultMs: number) {}

  set(sid: string, session: Session, cb: (err?: unknown) => void): void {
    const expires = session.cookie.expires ? new Date(session.cookie.expires).getTime() : Date.now() + this.defaultMs;
    const row = { id: hash(sid), member_id: session.memberId ?? null, data: JSON.stringify(session), expires_at: expires };
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ member_id: row.member_id, data: row.data, expires_at: row.expires_at }))
      .execute()
      .then(() => cb(), cb);
  }

  get(sid: string, cb: (err: unknown, result?: Session | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('id', '=', hash(sid))
      .executeTakeFirst()
      .then((row) => cb(null, row && row.expires_at > Date.now() ? (JSON.parse(row.data) as Session) : null), cb);
  }

  destroy(sid: string, cb: (err?: unknown) => void): void {
    this.db.deleteFrom('sessions').where('id', '=', hash(sid)).execute().then(() => cb(), cb);
  }
}

/** Ends every session of a member (password reset, account deletion, role change). */
export async function endMemberSessions(db: Db, memberId: string): Promise<void> {
  await db.deleteFrom('sessions').where('member_id', '=', memberId).execute();
}

const COOKIE = 'chaton_session';

/** Whether a request needs its session loaded (see `config.session`). */
export function wantsSession(request: FastifyRequest): boolean {
  if (request.cookies[COOKIE] !== undefined) return true;
  const session = request.routeOptions.config.session;
  return typeof session === 'function' ? session(request) : session !== false;
}

type OnRequest = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

/**
 * The Fastify instance that @fastify/session is given: the same, except that its onRequest hook is
 * skipped on requests that need no session (the plugin has no per-route switch of its own).
 */
function skippingSessions(app: FastifyInstance): FastifyInstance {
  return new Proxy(app, {
    get(target, property, receiver) {
      if (property !== 'addHook') return Reflect.get(target, property, receiver) as unknown;
      return (name: string, hook: OnRequest) => {
        if (name !== 'onRequest') return target.addHook(name as 'onSend', hook as never);
        return target.addHook('onRequest', (request, reply, done) => (wantsSession(request) ? hook(request, reply, done) : done()));
      };
    },
  });
}

export async function registerSessions(app: FastifyInstance, db: Db, secret: string, days: number): Promise<void> {
  const maxAge = days * 24 * 3600 * 1000;
  const plugin = Object.assign(
    (instance: FastifyInstance, options: fastifySession.FastifySessionOptions, done: (err?: Error) => void) => fastifySession(skippingSessions(instance), options, done),
    fastifySession, // fastify-plugin's marks: the session is the whole app's, not this plugin's scope
  );
  await app.register(plugin, {
    secret,
    cookieName: COOKIE,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge },
    store: new DbSessionStore(db, maxAge),
    saveUninitialized: false,
    rolling: false,
  });
}
