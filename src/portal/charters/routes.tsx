// Public charter pages (/charters…) and the member's acceptance page (/charters/accept).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.js';
import { safeNext } from '../../server/page-context.js';
import type { MessageKey } from '../../i18n/index.js';
import { isCharterKind, kindTitleKey, parseVersion, type CharterKind } from './kinds.js';
import { charterVersion, currentCharter, lastAcceptedVersion, listVersions, pendingMemberCharter, recordAcceptance, type CharterVersion } from './store.js';
import { CharterIndexPage, CharterPage, NotPublishedPage, VersionsPage } from './pages.js';
import { DiffPage } from './diff-page.js';
import { AcceptPage } from './accept-page.js';
import { anyValue, form, nextQuery, segment, typed, z } from '../../server/schemas.js';


function kindOf(value: string): CharterKind {
  if (!isCharterKind(value)) throw new AppError(404, 'charters.error.unknownKind');
  return value;
}

/** A version number from the query string: absent → undefined, malformed → 400. */
function queryVersion(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = parseVersion(value);
  if (n === null) throw new AppError(400, 'charters.error.badVersions');
  return n;
}

const byKind = z.object({ kind: segment });

export async function charterRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.core;

  app.get('/charters', async (request, reply) => {
    const current = { anonymous: await currentCharter(db, 'anonymous'), member: await currentCharter(db, 'member') };
    return reply.page({ title: request.t('charters.index.title') }, (ctx) => <CharterIndexPage ctx={ctx} current={current} />);
  });

  typed(app).get('/charters/:kind', { schema: { params: byKind } }, async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const current = await currentCharter(db, kind);
    const title = request.t(kindTitleKey(kind));
    if (!current) return reply.page({ title }, (ctx) => <NotPublishedPage ctx={ctx} kind={kind} />);
    return reply.page({ title }, (ctx) => <CharterPage ctx={ctx} charter={current} current={current} isCurrentUrl />);
  });

  typed(app).get('/charters/:kind/versions', { schema: { params: byKind } }, async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const versions = await listVersions(db, kind);
    return reply.page({ title: request.t('charters.versions.title', { charter: request.t(kindTitleKey(kind)) }) }, (ctx) => (
      <VersionsPage ctx={ctx} kind={kind} versions={versions} />
    ));
  });

  typed(app).get('/charters/:kind/v/:n', { schema: { params: byKind.extend({ n: segment }) } }, async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const n = parseVersion(request.params.n);
    const [charter, current] = await Promise.all([n === null ? null : charterVersion(db, kind, n), currentCharter(db, kind)]);
    if (!charter || !current) throw new AppError(404, 'charters.error.unknownVersion');
    const title = request.t('charters.version.title', { charter: request.t(kindTitleKey(kind)), version: charter.version });
    return reply.page({ title }, (ctx) => <CharterPage ctx={ctx} charter={charter} current={current} isCurrentUrl={false} />);
  });

  typed(app).get('/charters/:kind/diff', { schema: { params: byKind, querystring: z.object({ from: anyValue.optional(), to: anyValue.optional() }) } }, async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const from = queryVersion(request.query.from);
    const to = queryVersion(request.query.to);
    const versions = await listVersions(db, kind); // newest first
    const find = (n: number): CharterVersion => {
      const v = versions.find((x) => x.version === n);
      if (!v) throw new AppError(404, 'charters.error.unknownVersion');
      return v;
    };
    const latest = versions[0]?.version ?? 0;
    let pair: { from: CharterVersion; to: CharterVersion } | null = null;
    if (from !== undefined || to !== undefined) {
      // One given: compare it with the version in force (or the in-force one with its predecessor).
      const b = to ?? latest;
      const a = from ?? Math.max(1, b - 1);
      pair = { from: find(a), to: find(b) };
    } else if (versions.length >= 2) {
      pair = { from: find(latest - 1), to: find(latest) };
    } else if (versions.length === 0) {
      throw new AppError(404, 'charters.error.unknownVersion');
    }
    return reply.page({ title: request.t('charters.diff.title', { charter: request.t(kindTitleKey(kind)) }) }, (ctx) => (
      <DiffPage ctx={ctx} kind={kind} versions={versions} pair={pair} />
    ));
  });

  // Acceptance of the member charter in force, for logged-in members.
  const acceptPage = async (request: FastifyRequest, reply: FastifyReply, charter: CharterVersion, next: string, status = 200, error?: MessageKey) => {
    const member = request.member!;
    const lastAccepted = await lastAcceptedVersion(db, member.id, 'member');
    const since = lastAccepted === null ? [] : (await listVersions(db, 'member')).filter((v) => v.version > lastAccepted && v.version <= charter.version).reverse();
    return reply.page({ title: request.t('charters.accept.title'), status }, (ctx) => (
      <AcceptPage ctx={ctx} charter={charter} lastAccepted={lastAccepted} since={since} next={next} {...(error ? { error } : {})} />
    ));
  };

  const requireLogin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  };

  typed(app).get('/charters/accept', { preHandler: requireLogin, schema: { querystring: nextQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    const pending = await pendingMemberCharter(db, request.member!.id);
    // Nothing to accept (already accepted, or no charter published): go on.
    if (!pending) return reply.redirect(next, 303);
    return acceptPage(request, reply, pending, next);
  });

  typed(app).post('/charters/accept', { preHandler: requireLogin, schema: { body: form } }, async (request, reply) => {
    const body = request.body ?? {};
    const next = safeNext(body.next);
    const member = request.member!;
    const current = await currentCharter(db, 'member');
    if (!current) return reply.redirect(next, 303);
    // The member accepts the version they read: if a newer one came out meanwhile, show it first.
    if (parseVersion(body.version) !== current.version) return acceptPage(request, reply, current, next, 409, 'charters.accept.outdated');
    if (body.accept !== 'yes') return acceptPage(request, reply, current, next, 422, 'charters.accept.required');
    await recordAcceptance(db, member.id, 'member', current.version);
    return reply.redirect(next, 303);
  });
}
