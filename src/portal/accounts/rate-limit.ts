// The rate limit on the forms that take a password or a one-time link (login, signup, invitation,
// reset, setup, my account): `auth_attempts` per 15 minutes and per hashed address.
import type { Core } from '../../core.js';

export function authRateLimit(core: Core) {
  return { rateLimit: { max: core.config.limits.auth_attempts, timeWindow: '15 minutes' } };
}
