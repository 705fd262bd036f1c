// Creates an account directly in the database and logs a client in through the real login form.
import type { TestServer } from './server.js';
import { TestClient } from './client.js';
import { createMember } from '../../src/portal/accounts/members.js';
import type { Role } from '../../src/storage/schema.js';

let n = 0;

export async function loggedInClient(server: TestServer, role: Role = 'member', opts: { admitted?: boolean; username?: string; headers?: Record<string, string> } = {}): Promise<{ client: TestClient; id: string; username: string }> {
  const username = opts.username ?? `${role}${++n}x${process.pid}`;
  const password = 'correct horse battery staple';
  const id = await createMember(server.core.db, { username, password, role, admitted: opts.admitted ?? true });
  const client = new TestClient(server.url, opts.headers ?? {});
  const res = await client.submit('/login', { username, password, next: '/' });
  if (res.status !== 303 && res.status !== 302) throw new Error(`login failed for ${username}: ${res.status}`);
  return { client, id, username };
}
