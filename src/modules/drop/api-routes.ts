// Drop's JSON API, used by the page script (web/drop/main.ts). No cookie authority here (csrf: false):
// the owner token, returned once at creation and stored only hashed, authorizes chunk uploads,
// finalization and deletion. Errors are JSON { error, message } through the app's error handler.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Core } from '../../core.js';
import { AppError } from '../../server/errors.js';
import {
  MAX_FILES, MAX_ITERATIONS, MAX_MANIFEST_CHARS, MIN_ITERATIONS, createShare, cipherStream, deleteShare, dropDb,
  files, finalize, findShare, isServable, ownedShare, putChunk,
} from './store.js';
import { endDownload, idleDownload, reserveDownload, reuseDownload } from './downloads.js';
import { purgeShare } from './jobs.js';
import { expiryChoices } from './expiry.js';
import { int4, segment, typed } from '../../server/schemas.js';

const b64u = (max: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).max(max);

function createSchema(core: Core) {
  const expiries = expiryChoices(core.config.drop.max_expiry_hours);
  return z.object({
    files: z.array(z.number().int().min(38)).min(1).max(MAX_FILES),
    // Exactly what the send page offers.
    expiresIn: z.number().int().refine((s) => expiries.includes(s)),
    downloads: z.number().int().min(1).max(100),
    salt: b64u(22).min(22),
    iterations: z.number().int().refine((n) => n === 0 || (n >= MIN_ITERATIONS && n <= MAX_ITERATIONS)),
    manifest: b64u(MAX_MANIFEST_CHARS).min(16),
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

const byId = z.object({ id: segment });

export async function apiRoutes(plain: FastifyInstance, core: Core): Promise<void> {
  const app = typed(plain);
  const db = dropDb(core);
  const cfg = core.config.drop;
  const schema = createSchema(core);
  const noCsrf = { csrf: false } as const;
  // Downloads being counted when the server stops: finished before the database closes.
  const ending = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...ending]);
  });

  // Raw ciphertext chunks are not parsed: the handler streams them to the blob store, checking the size.
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  // A body refused by its schema or the NUL guard gets Drop's own message; other errors go on to the app's handler.
  const refusal = (error: unknown): boolean => (error instanceof AppError && error.messageKey === 'error.badRequest') || (typeof error === 'object' && error !== null && 'validation' in error);
  const createRoute = {
    config: { ...noCsrf, rateLimit: { max: cfg.uploads_per_hour, timeWindow: '1 hour' } },
    schema: { body: schema },
    errorHandler: (error: unknown) => {
      throw refusal(error) ? new AppError(400, 'drop.error.badRequest') : error;
    },
  };
  app.post('/api/shares', createRoute, async (request, reply) => {
    const d = request.body;
    const created = await createShare(core, {
      files: d.files, expiresInSeconds: d.expiresIn, maxDownloads: d.downloads, keySalt: d.salt, kdfIterations: d.iterations, manifest: d.manifest,
      creatorHash: request.ipHash, lang: request.lang,
    });
    return reply.code(201).send(created);
  });

  app.put(
    '/api/shares/:id/files/:f/chunks/:n',
    { config: { ...noCsrf, rateLimit: { max: 3000, timeWindow: '1 minute' } }, schema: { params: byId.extend({ f: int4(), n: int4() }) } },
    async (request) => {
      const share = await ownedShare(db, request.params.id, bearer(request));
      if (!(request.body instanceof Readable)) throw new AppError(415, 'error.mediaType');
      const declared = Number(request.headers['content-length'] ?? -1);
      if (declared > cfg.chunk_bytes) throw new AppError(413, 'error.tooLarge');
      return putChunk(core, share, Number(request.params.f), Number(request.params.n), request.body, declared, request.ipHash);
    },
  );

  // Where to resume: the chunks each file already has on the server.
  app.get('/api/shares/:id/upload', { config: noCsrf, schema: { params: byId } }, async (request) => {
    const share = await ownedShare(db, request.params.id, bearer(request));
    const list = await files(db, share.id);
    return { state: share.state, chunkBytes: share.chunk_bytes, files: list.map((f) => ({ size: Number(f.size), chunks: f.chunks, received: f.received })) };
  });

  app.post('/api/shares/:id/finalize', { config: noCsrf, schema: { params: byId } }, async (request) => {
    const share = await ownedShare(db, request.params.id, bearer(request));
    return finalize(core, share);
  });

  app.get('/api/shares/:id/owner', { config: noCsrf, schema: { params: byId } }, async (request) => {
    const share = await ownedShare(db, request.params.id, bearer(request));
    return { state: share.state, downloads: share.downloads, maxDownloads: share.max_downloads, downloadsLeft: share.max_downloads - share.downloads, expiresAt: share.expires_at };
  });

  app.delete('/api/shares/:id', { config: noCsrf, schema: { params: byId } }, async (request) => {
    const share = await ownedShare(db, request.params.id, bearer(request));
    await deleteShare(core, share.id);
    return { deleted: true };
  });

  // What a receiver needs to decrypt: public KDF parameters, the sealed manifest, ciphertext sizes.
  app.get('/api/shares/:id', { schema: { params: byId } }, async (request, reply) => {
    const share = await findShare(db, request.params.id);
    if (!isServable(share)) throw new AppError(404, 'drop.error.unknown');
    const list = await files(db, share.id);
    reply.header('cache-control', 'no-store');
    return {
      salt: share.key_salt, iterations: share.kdf_iterations, manifest: share.manifest, files: list.map((f) => Number(f.size)),
      expiresAt: share.expires_at, downloadsLeft: share.max_downloads - share.reserved,
    };
  });

  // The ciphertext of one file (?file=i) or of all, in order. A download reserves a slot (its ticket,
  // sent back in X-Drop-Ticket) and is counted once (downloads.ts): confirmed by the browser, or when the
  // last byte was sent for other clients. A confirming client's ticket retries or resumes (Range:
  // bytes=n-) without another slot. HEAD reserves nothing.
  app.get('/api/shares/:id/data', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { params: byId, querystring: z.object({ file: segment.optional() }) } }, async (request, reply) => {
    const share = await findShare(db, request.params.id);
    if (!share || share.state !== 'ready' || share.expires_at <= Date.now()) throw new AppError(404, 'drop.error.unknown');
    const list = await files(db, share.id);
    const which = request.query.file;
    const chosen = which === undefined || which === 'all' ? list : list.filter((f) => String(f.idx) === which);
    if (chosen.length === 0) throw new AppError(404, 'drop.error.unknown');
    const total = chosen.reduce((a, f) => a + Number(f.size), 0);
    reply.header('content-type', 'application/octet-stream').header('cache-control', 'no-store');
    if (request.method === 'HEAD') {
      if (!isServable(share)) throw new AppError(404, 'drop.error.unknown');
      // An empty stream: Fastify's HEAD handling then keeps the Content-Length of the GET.
      return reply.header('content-length', String(total)).send(Readable.from([]));
    }
    const held = header(request, 'x-drop-ticket');
    const ticket = (held ? await reuseDownload(db, share.id, held) : null) ?? (await reserveDownload(db, share.id, header(request, 'x-drop-confirm') === '1'));
    if (!ticket) throw new AppError(404, 'drop.error.unknown');
    // Only a download already under way resumes: a fresh request always gets the whole ciphertext.
    const range = ticket.reused ? /^bytes=(\d{1,15})-$/.exec(header(request, 'range') ?? '') : null;
    const start = range && Number(range[1]) < total ? Number(range[1]) : 0;
    let sent = 0;
    const sizes = new Map(list.map((f) => [f.idx, Number(f.size)]));
    const body = new Transform({
      transform(piece: Buffer, _enc, done) {
        sent += piece.length;
        done(null, piece);
      },
    });
    pipeline(cipherStream(core, share, chosen.map((f) => f.idx), sizes, start), body).catch(() => undefined);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      // Every byte handed to the network: the response finished, or all its bytes were written out (a
      // client that has them all may close its connection before the response's end is processed).
      const complete = reply.raw.writableFinished || (sent === total - start && body.readableLength === 0 && reply.raw.writableLength === 0);
      const p = (ticket.confirms ? idleDownload(db, ticket.id) : endDownload(db, share.id, ticket.id, complete).then((counted) => (counted ? purgeShare(core, share.id) : undefined)))
        .catch((err: unknown) => request.log.error({ err }, 'drop: ending a download failed'))
        .finally(() => ending.delete(p));
      ending.add(p);
    };
    reply.raw.on('close', end);
    if (start > 0) reply.code(206).header('content-range', `bytes ${start}-${total - 1}/${total}`);
    return reply.header('x-drop-ticket', ticket.id).header('content-length', String(total - start)).send(body);
  });

  // The browser decrypted and verified a whole download: it counts, once.
  app.post('/api/shares/:id/confirm', { config: { ...noCsrf, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { params: byId } }, async (request) => {
    const ticket = header(request, 'x-drop-ticket');
    const share = await findShare(db, request.params.id);
    if (!share || !ticket || !/^[A-Za-z0-9_-]{1,64}$/.test(ticket)) throw new AppError(404, 'drop.error.unknown');
    const counted = await endDownload(db, share.id, ticket, true);
    if (counted) await purgeShare(core, share.id);
    return { counted };
  });
}
