// A queued message may hold a one-time link (password reset, invitation): it is stored encrypted
// (AES-256-GCM, key derived from secrets.session), so the database alone never holds a usable link,
// as for the setup link. Node's own crypto; the key never leaves the process.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('chaton mail queue v1').digest();
}

export function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plain text, or null when it was sealed with another secret (or damaged). */
export function unseal(secret: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
