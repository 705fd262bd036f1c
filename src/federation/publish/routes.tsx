// SPDX-License-Identifier: AGPL-3.0-or-later
// /.well-known/chatonsinfos/: this chaton's ChatonsInfos files, always served; and the admin preview.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireAdmin } from '../../portal/admin/guard.js';
import { checkChatonsInfosText } from '../chatonsinfos/index.js';
import { WELL_KNOWN, allFiles, organizationFile, serviceFile } from './files.js';
import { PreviewPage } from './preview-page.js';
import { segment, typed, z } from '../../server/schemas.js';
import { publicUrl } from '../../config/public-url.js';

/** Sends a ChatonsInfos file: UTF-8 text, cacheable for 5 minutes, readable by any site (validators). */
function sendProperties(reply: FastifyReply, text: string): FastifyReply {
  return reply
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'public, max-age=300')
    .header('access-control-allow-origin', '*')
    .send(text);
}

export async function publishRoutes(app: FastifyInstance): Promise<void> {
  const { core } = app;

  app.get(WELL_KNOWN, async (_request, reply) => {
    const base = publicUrl(core.config);
    const files = await allFiles(core);
    return sendProperties(reply, files.map((f) => `${base}${WELL_KNOWN}${f.name}`).join('\n') + '\n');
  });

  app.get(`${WELL_KNOWN}organization.properties`, async (_request, reply) => sendProperties(reply, organizationFile(core).text));

  typed(app).get(`${WELL_KNOWN}:file`, { schema: { params: z.object({ file: segment }) } }, async (request, reply) => {
    const id = /^service-([a-z][a-z0-9-]{0,39})\.properties$/.exec(request.params.file)?.[1];
    const file = id ? await serviceFile(core, id) : null;
    if (!file) return reply.callNotFound();
    return sendProperties(reply, file.text);
  });

  app.get('/admin/chatonsinfos', { preHandler: requireAdmin }, async (request, reply) => {
    const files = (await allFiles(core)).map((f) => ({ ...f, check: checkChatonsInfosText(f.text) }));
    return reply.page({ title: request.t('directory.admin.title') }, (ctx) => <PreviewPage ctx={ctx} files={files} />);
  });
}
