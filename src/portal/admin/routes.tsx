// The admin area (/admin): every page behind requireAdmin, each area in its own plugin.
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from './guard.js';
import { dashboardRoutes } from './dashboard.js';
import { serviceAdminRoutes } from './services.js';
import { auditRoutes } from './audit-page.js';
import { charterAdminRoutes } from '../charters/admin-routes.js';
import { accountAdminRoutes } from '../accounts/admin-routes.js';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', requireAdmin);
  await app.register(dashboardRoutes);
  await app.register(serviceAdminRoutes);
  await app.register(auditRoutes);
  await app.register(charterAdminRoutes);
  await app.register(accountAdminRoutes);
}
