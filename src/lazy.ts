// Heavy dependencies loaded on first use rather than at start: a chaton that never needs one (pg on
// SQLite, ioredis without Redis, argon2 before anyone logs in, undici before the first crawl) never pays
// for its memory. `require` loads CommonJS and, since Node 20.19, ES modules too, synchronously.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function returning the module `name`, loaded the first time it is called. */
export function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
