// Admin pages of the charters (mounted under /admin, behind requireAdmin): write, preview and publish
// versions; see who accepted the member charter.
import { codePoints } from '../../i18n/text-length.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.js';
import { actorOf } from '../admin/guard.js';
import { isCharterKind, parseVersion, type CharterKind } from './kinds.js';
import { currentCharter, listVersions, type CharterVersion, memberCharterStates, publishCharter, recentAcceptances, VersionConflictError } from './store.js';
import { starterText } from './starters.js';
import { CHARTER_MAX_DEPTH, charterTooDeep } from './markdown.js';
import { CharterAdminPage, type CharterFormError } from './admin-page.js';
import { AcceptancesPage } from './acceptances-page.js';
import { anyValue, form, typed, z } from '../../server/schemas.js';

export const MAX_BODY = 100_000;
export const MAX_SUMMARY = 500;
const HISTORY_LIMIT = 200;

interface FormState { body: string; summary: string; bodyEn: string; summaryEn: string; starter: boolean; preview: boolean; errors: CharterFormError[]; published: number | null }

/** Line ends as the browser sends them (CRLF) become LF, so that versions compare cleanly. */
function normalize(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\r\n?/g, '\n').trim() : '';
}

interface Texts { body: string; summary: string; bodyEn: string; summaryEn: string }

/** What is wrong with the form; `current` is the version in force (its texts), null when none. */
function validate({ body, summary, bodyEn, summaryEn }: Texts, current: CharterVersion | null): CharterFormError[] {
  const errors: CharterFormError[] = [];
  if (!body) errors.push({ key: 'charters.admin.bodyRequired' });
  else if (codePoints(body) > MAX_BODY) errors.push({ key: 'charters.admin.bodyTooLong', params: { max: MAX_BODY } });
  else if (charterTooDeep(body)) errors.push({ key: 'charters.admin.bodyTooDeep', params: { max: CHARTER_MAX_DEPTH } });
  else if (current && body === current.bodyMd && bodyEn === (current.bodyMdEn ?? '')) errors.push({ key: 'charters.admin.unchanged' });
  if (codePoints(bodyEn) > MAX_BODY) errors.push({ key: 'charters.admin.bodyEnTooLong', params: { max: MAX_BODY } });
  else if (bodyEn && charterTooDeep(bodyEn)) errors.push({ key: 'charters.admin.bodyEnTooDeep', params: { max: CHARTER_MAX_DEPTH } });
  if (!summary) errors.push({ key: 'charters.admin.summaryRequired' });
  else if (codePoints(summary) > MAX_SUMMARY) errors.push({ key: 'charters.admin.summaryTooLong', params: { max: MAX_SUMMARY } });
  if (codePoints(summaryEn) > MAX_SUMMARY) errors.push({ key: 'charters.admin.summaryEnTooLong', params: { max: MAX_SUMMARY } });
  else if (summaryEn && !bodyEn) errors.push({ key: 'charters.admin.summaryEnWithoutBody' });
  return errors;
}

export async function charterAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.core;

  const show = async (request: FastifyRequest, reply: FastifyReply, kind: CharterKind, state: FormState, status = 200) => {
    const versions = await listVersions(db, kind);
    return reply.page({ title: request.t('charters.admin.title'), status }, (ctx) => <CharterAdminPage ctx={ctx} kind={kind} versions={versions} {...state} />);
  };

  typed(app).get('/charters', { schema: { querystring: z.object({ kind: anyValue.optional(), published: anyValue.optional() }) } }, async (request, reply) => {
    const kind = request.query.kind ?? 'member';
    if (!isCharterKind(kind)) throw new AppError(404, 'charters.error.unknownKind');
    const current = await currentCharter(db, kind);
    const starter = !current;
    return show(request, reply, kind, {
      body: current?.bodyMd ?? starterText(kind, config.chaton.name),
      summary: starter ? request.t('charters.admin.starterSummary') : '',
      bodyEn: current?.bodyMdEn ?? '',
      summaryEn: '',
      starter,
      preview: false,
      errors: [],
      published: parseVersion(request.query.published),
    });
  });

  typed(app).post('/charters', { schema: { body: form } }, async (request, reply) => {
    const form = request.body ?? {};
    const kind = form.kind;
    if (!isCharterKind(kind)) throw new AppError(400, 'charters.error.unknownKind');
    const body = normalize(form.body);
    const summary = normalize(form.summary).replace(/\s+/g, ' ');
    const bodyEn = normalize(form.body_en);
    const summaryEn = normalize(form.summary_en).replace(/\s+/g, ' ');
    const state = { body, summary, bodyEn, summaryEn, starter: false, preview: form.action === 'preview', published: null };
    if (state.preview) return show(request, reply, kind, { ...state, errors: [] });

    const current = await currentCharter(db, kind);
    const errors = validate({ body, summary, bodyEn, summaryEn }, current);
    // The form was written from version `base`: if another one came out since, don't overwrite it blindly.
    const base = form.base === '0' ? 0 : parseVersion(form.base);
    if (base !== null && base !== (current?.version ?? 0)) errors.push({ key: 'charters.admin.conflict' });
    if (errors.length) return show(request, reply, kind, { ...state, errors }, errors.some((e) => e.key === 'charters.admin.conflict') ? 409 : 422);
    try {
      const version = await publishCharter(db, actorOf(request), kind, body, summary, bodyEn ? { bodyMd: bodyEn, summary: summaryEn } : null);
      return reply.redirect(`/admin/charters?kind=${kind}&published=${version}`, 303);
    } catch (err) {
      if (err instanceof VersionConflictError) return show(request, reply, kind, { ...state, errors: [{ key: 'charters.admin.conflict' }] }, 409);
      throw err;
    }
  });

  app.get('/charters/acceptances', async (request, reply) => {
    const [current, members, history] = await Promise.all([currentCharter(db, 'member'), memberCharterStates(db), recentAcceptances(db, HISTORY_LIMIT)]);
    return reply.page({ title: request.t('charters.acceptances.title') }, (ctx) => (
      <AcceptancesPage ctx={ctx} current={current} members={members} history={history} historyLimit={HISTORY_LIMIT} />
    ));
  });
}
