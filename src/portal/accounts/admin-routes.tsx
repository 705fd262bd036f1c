// The accounts' admin pages, registered under /admin behind requireAdmin: members, groups, invitations.
import type { FastifyInstance } from 'fastify';
import { memberAdminRoutes } from './admin-members.js';
import { groupAdminRoutes } from './admin-groups.js';
import { invitationAdminRoutes } from './admin-invitations.js';

export async function accountAdminRoutes(app: FastifyInstance): Promise<void> {
  await app.register(memberAdminRoutes);
  await app.register(groupAdminRoutes);
  await app.register(invitationAdminRoutes);
}
