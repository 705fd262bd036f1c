// The pad's HTTP and WebSocket routes, mounted under /pad behind the opening gate.
import { CHAT_MAX_CHARS, NAME_MAX_CHARS, VERSION_LABEL_MAX_CHARS } from './protocol.js';
import { truncateText } from '../../i18n/text-length.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import type { Core } from '../../core.js';
import { AppError } from '../../server/errors.js';
import { PadService } from './service.js';
import { hashToken, randomName, validName, type Pad } from './store.js';
import { PadAdminPage, PadIndexPage, PadNotFoundPage, PadPage, TimesliderPage, type PadView } from './pages.js';
import { docFromState, historyFile, toHtml, toText, EXPORT_FORMATS, type ExportFormat } from './export.js';
import { parseImport, readHistoryFile, type ImportFormat } from './import.js';
import { docToBlocks, replaceContent } from './document.js';
import { savedVersions, stateAt, timeline } from './history.js';
import { clearHistory } from './retention.js';
import { announceDeleted } from './room.js';
import { loadPad } from './repair.js';
import { intString, optionalForm, segment, typed, z } from '../../server/schemas.js';
import { publicUrl } from '../../config/public-url.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const PAD_SCRIPTS = { scripts: ['/assets/web/pad.js'], styles: ['/assets/web/pad.css'] };

export const padRoutes: FastifyPluginAsync<{ core: Core }> = async (plain, { core }) => {
  const app = typed(plain);
  const service = new PadService(core);
  const { store } = service;
  app.addHook('onClose', async () => service.close());

  async function padNamed(name: string): Promise<Pad | undefined> {
    return validName(name) ? store.get(name) : undefined;
  }
  async function padRead(id: string): Promise<Pad | undefined> {
    return /^[A-Za-z0-9_-]{8,40}$/.test(id) ? store.byReadonlyId(id) : undefined;
  }
  /** The pad of a writer's URL (/pad/<name>) or a reader's (/pad/ro/<id>). */
  async function resolve(request: FastifyRequest<{ Params: { name?: string; id?: string } }>): Promise<{ pad: Pad; readOnly: boolean; base: string }> {
    const { name, id } = request.params;
    const pad = id !== undefined ? await padRead(id) : await padNamed(name ?? '');
    if (!pad) throw new AppError(404, 'pad.close.4404');
    return id !== undefined ? { pad, readOnly: true, base: `/pad/ro/${id}` } : { pad, readOnly: false, base: `/pad/${pad.name}` };
  }
  async function checkAdmin(name: string, token: string): Promise<Pad> {
    const pad = await padNamed(name);
    const a = Buffer.from(hashToken(token));
    if (!pad || !timingSafeEqual(a, Buffer.from(pad.admin_hash.padEnd(a.length).slice(0, a.length)))) throw new AppError(404, 'pad.admin.badToken');
    return pad;
  }
  /** The pad at a moment of its history; a pad whose history does not load is repaired first. */
  async function momentDoc(name: string, moment: number) {
    try {
      return docFromState(await stateAt(store.db, name, moment));
    } catch {
      await loadPad(store, name, core.log);
    }
    try {
      return docFromState(await stateAt(store.db, name, moment));
    } catch {
      throw new AppError(422, 'pad.history.unreadable');
    }
  }
  /** The pad's document (repaired first if its stored state does not load). */
  async function currentDoc(pad: Pad) {
    return (await loadPad(store, pad.name, core.log)).doc;
  }

  // The routes' parameters (server/schemas.ts): names, ids and tokens are path segments without NUL,
  // history moments and cursors are whole numbers.
  const byName = z.object({ name: segment });
  const byId = z.object({ id: segment });
  const byAdmin = z.object({ name: segment, token: segment });
  const flashQuery = z.object({ flash: segment.optional() });
  const adminQuery = z.object({ created: segment.optional(), done: segment.optional() });
  const afterQuery = z.object({ after: intString().optional() });

  // A new pad opens on the pad itself; the secret admin token rides in the fragment (never sent to the
  // server, nor in a Referer), and the page shows the admin link once, then drops it from the address.
  const createdLocation = (name: string, token: string) => `/pad/${name}#admin=${encodeURIComponent(token)}`;

  // ---- index, creation, import of a history file ----
  app.get('/', (request, reply) => reply.page({ title: request.t('pad.title'), ...PAD_SCRIPTS }, (ctx) => <PadIndexPage ctx={ctx} opening={core.openings.get('pad')} />));

  const creations = { rateLimit: { max: core.config.pad.creations_per_hour, timeWindow: '1 hour' } };
  app.post('/', { config: creations, schema: { body: optionalForm } }, async (request, reply) => {
    const t = request.t;
    const wanted = str(request.body?.name).trim();
    const name = wanted || randomName();
    if (!validName(name)) return reply.page({ title: t('pad.title'), status: 422 }, (ctx) => <PadIndexPage ctx={ctx} opening={core.openings.get('pad')} name={wanted} error={t('pad.create.badName')} />);
    const created = await store.create(name);
    if (!created) return reply.page({ title: t('pad.title'), status: 409 }, (ctx) => <PadIndexPage ctx={ctx} opening={core.openings.get('pad')} name={wanted} error={t('pad.create.taken')} />);
    return reply.redirect(createdLocation(name, created.adminToken), 303);
  });

  app.post('/import', { config: creations, schema: { body: optionalForm } }, async (request, reply) => {
    const t = request.t;
    const file = readHistoryFile(str(request.body?.content));
    const fail = () => reply.page({ title: t('pad.title'), status: 422, ...PAD_SCRIPTS }, (ctx) => <PadIndexPage ctx={ctx} opening={core.openings.get('pad')} importError={t('pad.import.badFile')} />);
    if (!file) return fail();
    const created = await store.create(randomName());
    if (!created) throw new AppError(409, 'pad.create.taken');
    const name = created.pad.name;
    try {
      const updates = [...(file.base ? [{ at: file.exportedAt || Date.now(), author: '', data: new Uint8Array(Buffer.from(file.base, 'base64')) }] : []), ...file.updates.map((u) => ({ at: u.at, author: truncateText(u.author, 40), data: new Uint8Array(Buffer.from(u.data, 'base64')) }))];
      // Check the history rebuilds a document before keeping it.
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u.data);
      if (Y.encodeStateAsUpdate(doc).byteLength > core.config.pad.max_pad_bytes) return fail();
      for (let i = 0; i < updates.length; i += 500) await store.append(name, updates.slice(i, i + 500), updates.slice(i, i + 500).reduce((n, u) => n + u.data.byteLength, 0));
      for (const a of file.authors.slice(0, 1000)) if (typeof a.author === 'string' && typeof a.name === 'string' && typeof a.color === 'string') await store.saveAuthor(name, { author: a.author.slice(0, 40), name: a.name.slice(0, 40), color: /^#[0-9a-f]{6}$/.test(a.color) ? a.color : '#dddddd' });
      for (const c of file.chat.slice(-core.config.pad.chat_max_messages)) if (typeof c.text === 'string') await store.addChat(name, { at: Number(c.at) || Date.now(), author: truncateText(String(c.author ?? ''), NAME_MAX_CHARS), name: truncateText(String(c.name ?? ''), NAME_MAX_CHARS), color: String(c.color ?? '#dddddd').slice(0, 7), text: truncateText(c.text, CHAT_MAX_CHARS) }, core.config.pad.chat_max_messages);
      await store.checkpoint(name, await store.lastUpdateId(name));
    } catch {
      await store.delete(name);
      return fail();
    }
    return reply.redirect(createdLocation(name, created.adminToken), 303);
  });

  // ---- the editor ----
  async function showPad(request: FastifyRequest<{ Params: { name?: string; id?: string }; Querystring: { flash?: string } }>, reply: FastifyReply) {
    const t = request.t;
    const { name, id } = request.params;
    if (id === undefined && !(await padNamed(name ?? ''))) {
      if (!validName(name ?? '')) throw new AppError(404, 'error.notFound');
      return reply.page({ title: t('pad.notFound.title'), status: 404 }, (ctx) => <PadNotFoundPage ctx={ctx} name={name ?? ''} />);
    }
    const { pad, readOnly, base } = await resolve(request);
    const idle = core.config.pad.idle_days;
    const flashKey = request.query.flash;
    const flash = flashKey === 'version' ? t('pad.share.versionSaved') : flashKey === 'restored' ? t('pad.history.restored') : flashKey === 'imported' ? t('pad.import.submit') : undefined;
    const view: PadView = {
      name: pad.name,
      readOnly,
      base,
      shareUrl: readOnly ? null : `${publicUrl(core.config)}/pad/${pad.name}`,
      readOnlyUrl: `${publicUrl(core.config)}/pad/ro/${pad.readonly_id}`,
      deleteAt: idle > 0 ? Number(pad.last_edit_at) + idle * 86_400_000 : null,
      historyAllowed: !readOnly || pad.history_public === 1,
      html: toHtml(await currentDoc(pad), pad.name).replace(/^[\s\S]*<body>\n?|\n?<\/body>[\s\S]*$/g, ''),
      ...(flash ? { flash } : {}),
    };
    return reply.page({ title: readOnly ? t('pad.page.readOnlyTitle') : t('pad.page.title', { name: pad.name }), ...PAD_SCRIPTS }, (ctx) => <PadPage ctx={ctx} view={view} />);
  }
  app.get('/:name', { schema: { params: byName, querystring: flashQuery } }, showPad);
  app.get('/ro/:id', { schema: { params: byId, querystring: flashQuery } }, showPad);

  // ---- real time ----
  app.get('/:name/ws', { websocket: true, schema: { params: byName } }, (socket, request) => {
    service.accept(socket, padNamed(request.params.name), false, request.ipHash);
  });
  app.get('/ro/:id/ws', { websocket: true, schema: { params: byId } }, (socket, request) => {
    service.accept(socket, padRead(request.params.id), true, request.ipHash);
  });

  // ---- export ----
  async function exportPad(request: FastifyRequest<{ Params: { name?: string; id?: string; format: string } }>, reply: FastifyReply) {
    const { pad, readOnly } = await resolve(request);
    const format = request.params.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new AppError(404, 'error.notFound');
    if (format === 'chatonpad') {
      if (readOnly && pad.history_public !== 1) throw new AppError(403, 'pad.history.forbidden');
      const file = await historyFile(store.db, pad.name);
      return reply.type('application/json').header('content-disposition', `attachment; filename="${pad.name}.chatonpad"`).send(JSON.stringify(file));
    }
    const doc = await currentDoc(pad);
    const filename = readOnly ? 'pad' : pad.name;
    const disposition = `attachment; filename="${filename}.${format}"`;
    if (format === 'docx' || format === 'odt') {
      const office = await import('./office.js');
      const file = format === 'docx' ? await office.toDocx(doc, filename) : office.toOdt(doc, filename);
      const type = format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.oasis.opendocument.text';
      return reply.type(type).header('content-disposition', disposition).send(file);
    }
    const body = format === 'txt' ? toText(doc) : format === 'md' ? (await import('./markdown.js')).toMarkdown(doc) : toHtml(doc, pad.name);
    const type = format === 'txt' ? 'text/plain' : format === 'md' ? 'text/markdown' : 'text/html';
    return reply.type(`${type}; charset=utf-8`).header('content-disposition', disposition).send(body);
  }
  app.get('/:name/export/:format', { schema: { params: byName.extend({ format: segment }) } }, exportPad);
  app.get('/ro/:id/export/:format', { schema: { params: byId.extend({ format: segment }) } }, exportPad);

  // ---- import into an existing pad (a new edit) ----
  app.post('/:name/import', { schema: { params: byName, body: optionalForm } }, async (request, reply) => {
    const { pad } = await resolve(request);
    const format = str(request.body?.format) as ImportFormat;
    const content = str(request.body?.content);
    if (!['txt', 'md', 'html', 'docx'].includes(format) || !content.trim()) throw new AppError(400, 'pad.import.empty');
    if (content.length > core.config.pad.max_pad_bytes) throw new AppError(413, 'pad.import.tooLarge');
    const blocks = await parseImport(format, content, core.config.pad.max_import_depth);
    await service.withRoom(pad, (room) => room.editLocally('import', (doc) => replaceContent(doc, blocks)));
    return reply.redirect(`/pad/${pad.name}`, 303);
  });

  // ---- history ----
  async function historyAccess(request: FastifyRequest<{ Params: { name?: string; id?: string } }>) {
    const r = await resolve(request);
    if (r.readOnly && r.pad.history_public !== 1) throw new AppError(403, 'pad.history.forbidden');
    return r;
  }
  async function showTimeslider(request: FastifyRequest<{ Params: { name?: string; id?: string } }>, reply: FastifyReply) {
    const { pad, readOnly, base } = await historyAccess(request);
    const versions = await savedVersions(store.db, pad.name);
    return reply.page({ title: request.t('pad.history.title', { name: readOnly ? '' : pad.name }), ...PAD_SCRIPTS }, (ctx) => (
      <TimesliderPage ctx={ctx} name={readOnly ? '' : pad.name} base={base} canRestore={!readOnly} versions={versions} />
    ));
  }
  app.get('/:name/timeslider', { schema: { params: byName } }, showTimeslider);
  app.get('/ro/:id/timeslider', { schema: { params: byId } }, showTimeslider);

  async function historyIndex(request: FastifyRequest<{ Params: { name?: string; id?: string }; Querystring: { after?: number | undefined } }>, reply: FastifyReply) {
    const { pad } = await historyAccess(request);
    const after = request.query.after ?? 0;
    const chunk = await timeline(store.db, pad.name, after);
    const authors = await store.authors(pad.name);
    return reply.header('cache-control', 'no-store').send({ ...chunk, authors });
  }
  app.get('/:name/history', { schema: { params: byName, querystring: afterQuery } }, historyIndex);
  app.get('/ro/:id/history', { schema: { params: byId, querystring: afterQuery } }, historyIndex);

  async function historyState(request: FastifyRequest<{ Params: { name?: string; id?: string; moment: number } }>, reply: FastifyReply) {
    const { pad } = await historyAccess(request);
    const { moment } = request.params;
    const state = await stateAt(store.db, pad.name, moment);
    // A moment never changes (until history is cleared): let the browser keep it a while.
    return reply.type('application/octet-stream').header('cache-control', 'private, max-age=300').send(Buffer.from(state));
  }
  app.get('/:name/history/:moment', { schema: { params: byName.extend({ moment: intString() }) } }, historyState);
  app.get('/ro/:id/history/:moment', { schema: { params: byId.extend({ moment: intString() }) } }, historyState);

  app.post('/:name/restore', { schema: { params: byName, body: optionalForm } }, async (request, reply) => {
    const { pad } = await resolve(request);
    const moment = Number(str(request.body?.moment));
    if (!Number.isSafeInteger(moment) || moment < 0) throw new AppError(400, 'error.badRequest');
    const blocks = docToBlocks(await momentDoc(pad.name, moment));
    await service.withRoom(pad, (room) => room.editLocally('restore', (doc) => replaceContent(doc, blocks)));
    return reply.redirect(`/pad/${pad.name}?flash=restored`, 303);
  });

  app.post('/:name/versions', { schema: { params: byName, body: optionalForm } }, async (request, reply) => {
    const { pad } = await resolve(request);
    const label = truncateText(str(request.body?.label).trim(), VERSION_LABEL_MAX_CHARS);
    if (!label) throw new AppError(400, 'error.badForm');
    await service.withRoom(pad, () => undefined); // every queued edit is durable first
    await store.checkpoint(pad.name, await store.lastUpdateId(pad.name), label);
    return reply.redirect(`/pad/${pad.name}?flash=version`, 303);
  });

  // ---- the creator's secret admin page ----
  type AdminReq = FastifyRequest<{ Params: { name: string; token: string }; Querystring: { created?: string; done?: string } }>;
  async function showAdmin(request: AdminReq, reply: FastifyReply, status = 200, error?: string) {
    const t = request.t;
    const pad = await checkAdmin(request.params.name, request.params.token);
    const base = `/pad/${pad.name}/admin/${request.params.token}`;
    const done = request.query.done;
    const flash = request.query.created ? t('pad.created.title') : done === 'history-on' ? t('pad.admin.historyOn') : done === 'history-off' ? t('pad.admin.historyOff') : done === 'cleared' ? t('pad.admin.cleared') : undefined;
    return reply.header('referrer-policy', 'no-referrer').page({ title: t('pad.admin.title', { name: pad.name }), status }, (ctx) => (
      <PadAdminPage ctx={ctx} name={pad.name} base={base} padUrl={`${publicUrl(core.config)}/pad/${pad.name}`} readOnlyUrl={`${publicUrl(core.config)}/pad/ro/${pad.readonly_id}`} adminUrl={`${publicUrl(core.config)}${base}`}
        historyPublic={pad.history_public === 1} {...(pad.repaired_at ? { repairedAt: Number(pad.repaired_at) } : {})} {...(flash ? { flash } : {})} {...(error ? { error } : {})} />
    ));
  }
  app.get('/:name/admin/:token', { schema: { params: byAdmin, querystring: adminQuery } }, (request, reply) => showAdmin(request, reply));
  app.post('/:name/admin/:token/history', { schema: { params: byAdmin, body: optionalForm } }, async (request, reply) => {
    const pad = await checkAdmin(request.params.name, request.params.token);
    const on = str(request.body?.public) === '1';
    await store.setHistoryPublic(pad.name, on);
    return reply.redirect(`/pad/${pad.name}/admin/${request.params.token}?done=history-${on ? 'on' : 'off'}`, 303);
  });
  app.post('/:name/admin/:token/clear', { schema: { params: byAdmin, body: optionalForm } }, async (request, reply) => {
    const pad = await checkAdmin(request.params.name, request.params.token);
    await service.withRoom(pad, () => undefined);
    await clearHistory(store, pad.name);
    return reply.redirect(`/pad/${pad.name}/admin/${request.params.token}?done=cleared`, 303);
  });
  app.post('/:name/admin/:token/delete', { schema: { params: byAdmin, querystring: adminQuery, body: optionalForm } }, async (request, reply) => {
    const t = request.t;
    const pad = await checkAdmin(request.params.name, request.params.token);
    if (str(request.body?.confirm) !== '1') return showAdmin(request, reply, 422, t('pad.admin.mustConfirm'));
    await store.delete(pad.name);
    await announceDeleted(core.bus, pad.name);
    return reply.page({ title: t('pad.admin.deleted', { name: pad.name }) }, (ctx) => (
      <section><h1>{ctx.t('pad.admin.deleted', { name: pad.name })}</h1><p><a href="/pad/">{ctx.t('pad.create.title')}</a></p></section>
    ));
  });
};
