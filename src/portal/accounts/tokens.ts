// One-time link tokens (setup, invitations, password resets): 256 random bits in the link, only their
// SHA-256 in the database.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newId(): string {
  return randomBytes(12).toString('base64url');
}
