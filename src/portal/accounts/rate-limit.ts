// The rate limit on the forms that take a password, a username or a one-time link (login, signup,
// invitation, reset, setup, my account): `auth_attempts` per 15 minutes and per hashed address, for all
// these forms together (one group, server/rate-limit-store.ts). It is also what keeps signup's friendly
// "this username is taken" from being a way to list the members' names in bulk.
import type { Core } from '../../core.js';

export function authRateLimit(core: Core) {
  return { rateLimit: { max: core.config.limits.auth_attempts, timeWindow: '15 minutes', groupId: 'auth' } };
}
