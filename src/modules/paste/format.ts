// What the paste API shares: ids, strict base64, the error of a refused body (the body's checks, as
// PrivateBin's FormatV2::isValid does them, are the zod schema in schema.ts), the expiry table.
import type { MessageKey } from '../../i18n/index.js';

export const ID_RE = /^[a-f0-9]{16}$/;

export class FormatError extends Error {
  constructor(readonly key: MessageKey, readonly status = 400) {
    super(String(key));
  }
}

const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (PHP's base64_decode($s, true) refuses anything else); null when invalid or empty. */
export function strictBase64(s: string): Buffer | null {
  if (s.length === 0 || !B64_RE.test(s)) return null;
  return Buffer.from(s, 'base64');
}

/** Seconds of each expiry name (0: never), PrivateBin's table (a month is 30 days). */
export const EXPIRY_SECONDS: Record<string, number> = {
  '5min': 300,
  '10min': 600,
  '1hour': 3600,
  '1day': 86400,
  '1week': 604800,
  '1month': 2592000,
  '1year': 31536000,
  never: 0,
};
