// Test members, logged in through the real login form as a person would.
import type { Db } from '../../src/storage/database.js';
import type { Role } from '../../src/storage/schema.js';
import { createMember } from '../../src/portal/accounts/members.js';
import { TestClient, csrfToken } from './client.js';
import type { TestServer } from './server.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestMember { id: string; username: string }

/** Creates a member (admitted unless said otherwise) and, when given, puts it in the groups. */
export async function makeMember(db: Db, username: string, opts: { role?: Role; admitted?: boolean; groups?: string[] } = {}): Promise<TestMember> {
  const id = await createMember(db, { username, password: PASSWORD, role: opts.role ?? 'member', admitted: opts.admitted ?? true });
  for (const group of opts.groups ?? []) {
    await db.insertInto('groups').values({ id: group, name: group, description: '', created_at: Date.now() }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await db.insertInto('member_groups').values({ member_id: id, group_id: group }).execute();
  }
  return { id, username };
}

/** Logs `client` in as `member` through /login (the CSRF token read from the page). */
export async function logIn(client: TestClient, member: TestMember, next = '/'): Promise<void> {
  const page = await client.get('/login');
  const token = csrfToken(page.text);
  if (!token) throw new Error(`no login form (status ${page.status})`);
  const res = await client.post('/login', { _csrf: token, username: member.username, password: PASSWORD, next });
  if (res.status !== 303 && res.status !== 302) throw new Error(`login refused for ${member.username}: ${res.status}`);
}

let n = 0;

/** A new member of `role`, and a client logged in as them. */
export async function loggedInClient(server: TestServer, role: Role = 'member', opts: { admitted?: boolean; username?: string; headers?: Record<string, string> } = {}): Promise<{ client: TestClient; id: string; username: string }> {
  const member = await makeMember(server.core.db, opts.username ?? `${role}${++n}x${process.pid}`, { role, admitted: opts.admitted ?? true });
  const client = new TestClient(server.url, opts.headers ?? {});
  await logIn(client, member);
  return { client, ...member };
}
