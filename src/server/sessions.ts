// Member sessions, stored in the database (@fastify/session with a Kysely store). The store keeps only
// a hash of the session id, so a copy of the database gives no usable cookie.
import { createHash } from 'node:crypto';
import type { FastifyInstance, Session } from 'fastify';
import fastifySession from '@fastify/session';
import type { Db } from '../storage/database.js';

declare module 'fastify' {
  interface Session {
    memberId?: string;
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

export async function registerSessions(app: FastifyInstance, db: Db, secret: string, days: number): Promise<void> {
  const maxAge = days * 24 * 3600 * 1000;
  await app.register(fastifySession, {
    secret,
    cookieName: 'chaton_session',
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge },
    store: new DbSessionStore(db, maxAge),
    saveUninitialized: false,
    rolling: false,
  });
}
