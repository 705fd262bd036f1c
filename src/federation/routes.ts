// SPDX-License-Identifier: AGPL-3.0-or-later
// The federation's routes: this chaton's ChatonsInfos files (always) and, when directory.enabled is
// set, the directory, the finder and its API.
import type { FastifyInstance } from 'fastify';
import { publishRoutes } from './publish/routes.js';
import { directoryRoutes } from './directory/routes.js';

export async function federationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(publishRoutes);
  if (app.core.config.directory.enabled) await app.register(directoryRoutes);
}
