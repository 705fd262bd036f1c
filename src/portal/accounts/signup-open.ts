// Whether anyone may create an account: open signup in the config, or a service open to signups.
import type { Core } from '../../core.js';

export function isSignupOpen(core: Core): boolean {
  return core.config.accounts.open_signup || core.services.all().some((entry) => core.openings.get(entry.id).opening === 'signup');
}
