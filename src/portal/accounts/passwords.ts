// Passwords: argon2id (OWASP's recommended parameters: 19 MiB, 2 iterations, 1 lane).
import { lazy } from '../../lazy.js';

// Loaded at the first login or signup, not at start.
const argon2 = lazy<typeof import('@node-rs/argon2')>('@node-rs/argon2');
// Algorithm.Argon2id (a const enum in the typings).
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2().hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2().verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so both cases take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not a real password, only for timing'));
}
