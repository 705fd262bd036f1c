// The portal's routes, one plugin per area.
import type { FastifyInstance } from 'fastify';
import { homeRoutes } from './home/routes.js';
import { charterRoutes } from './charters/routes.js';
import { accountRoutes } from './accounts/routes.js';
import { adminRoutes } from './admin/routes.js';
import { federationRoutes } from '../federation/routes.js';

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  await app.register(homeRoutes);
  await app.register(charterRoutes);
  await app.register(accountRoutes);
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(federationRoutes);
}
