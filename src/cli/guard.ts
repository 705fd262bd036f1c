// The last line of defence of a running chaton: an error that escapes every handler (a rejected promise
// nobody awaited, an exception thrown from a callback) is logged, without any address, and the process
// keeps serving everyone else instead of exiting on it.
import type { Logger } from 'pino';

/** Installs the process-wide handlers once; returns a function that removes them (for tests). */
export function guardProcess(log: Logger): () => void {
  const onRejection = (reason: unknown) => log.error({ err: reason }, 'unhandled rejection (kept serving)');
  const onException = (err: Error) => log.error({ err }, 'uncaught exception (kept serving)');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
