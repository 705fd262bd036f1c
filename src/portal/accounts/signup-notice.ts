// When someone signs up and waits for admission, every admin with an e-mail address receives one
// message, in their language, with the link to the members page (nothing when e-mail is not configured).
import type { Core } from '../../core.js';
import { publicUrl } from '../../config/public-url.js';
import { langOf } from '../../mail/queue.js';
import { adminsWithEmail } from './members.js';

export async function notifyAdminsOfSignup(core: Core, username: string): Promise<void> {
  if (!core.mail.configured) return;
  const link = `${publicUrl(core.config)}/admin/members`;
  for (const admin of await adminsWithEmail(core.db)) {
    await core.mail.enqueue(admin.email, langOf(admin.lang), { kind: 'signup-waiting', username, link });
  }
  core.mail.kick();
}
