import { randomBytes } from 'node:crypto';
import { loadConfigOrExit, readStdin } from './common.js';
import { createCore } from '../core.js';
import { createMember, findByUsername, USERNAME, normalizeUsername, UsernameTakenError } from '../portal/accounts/members.js';
import { MIN_PASSWORD } from '../portal/accounts/passwords.js';
import { issueResetLink } from '../portal/accounts/reset-links.js';
import { audit } from '../portal/audit.js';
import { publicUrl } from '../config/public-url.js';

const CLI = { id: null, name: 'cli' };

export async function adminCreateCommand(username: string, opts: { passwordStdin?: boolean; member?: boolean }): Promise<void> {
  if (!USERNAME.test(normalizeUsername(username))) {
    console.error('username: 2 to 40 characters: lowercase letters, digits, dot, dash, underscore');
    process.exit(2);
  }
  const password = opts.passwordStdin ? await readStdin() : randomBytes(12).toString('base64url');
  if (password.length < MIN_PASSWORD) {
    console.error(`password: at least ${MIN_PASSWORD} characters`);
    process.exit(2);
  }
  const core = await createCore(loadConfigOrExit(), { runJobs: false });
  try {
    const role = opts.member ? 'member' : 'admin';
    const id = await createMember(core.db, { username, password, role });
    await audit(core.db, CLI, 'member.create', username, { role });
    console.log(`Created ${role} "${normalizeUsername(username)}" (${id}).`);
    if (!opts.passwordStdin) console.log(`Password: ${password}\nChange it after logging in.`);
  } catch (err) {
    if (err instanceof UsernameTakenError) {
      console.error(`username: "${username}" is taken`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await core.close();
  }
}

export async function adminResetPasswordCommand(username: string): Promise<void> {
  const core = await createCore(loadConfigOrExit(), { runJobs: false });
  try {
    const member = await findByUsername(core.db, username);
    if (!member) {
      console.error(`no account named "${username}"`);
      process.exitCode = 1;
      return;
    }
    const token = await issueResetLink(core.db, member.id, CLI, core.config.accounts.reset_hours);
    console.log(`One-time link for ${member.username} (valid ${core.config.accounts.reset_hours} hours):\n${publicUrl(core.config)}/reset/${token}`);
  } finally {
    await core.close();
  }
}
