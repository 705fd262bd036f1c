// The accounts' public pages: first admin setup, login and logout, signup and invitations, password
// reset links (and asking for one by e-mail), and the member's own account page.
import type { FastifyInstance } from 'fastify';
import { setupRoutes } from './setup-routes.js';
import { loginRoutes } from './login-routes.js';
import { signupRoutes } from './signup-routes.js';
import { resetRoutes } from './reset-routes.js';
import { forgotRoutes } from './forgot-routes.js';
import { accountPageRoutes } from './account-routes.js';

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  await app.register(setupRoutes);
  await app.register(loginRoutes);
  await app.register(signupRoutes);
  await app.register(resetRoutes);
  await app.register(forgotRoutes);
  await app.register(accountPageRoutes);
}
