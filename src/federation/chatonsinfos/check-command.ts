// SPDX-License-Identifier: AGPL-3.0-or-later
// `chaton chatonsinfos check <file-or-url>`: reads, parses and validates one ChatonsInfos file.

import { readFile, stat } from 'node:fs/promises';
import { checkChatonsInfosBytes, type ValidationIssue } from './validator.js';

/** Limits of the check command (tests shorten them). */
export interface CheckOptions {
  /** Download timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** Largest accepted file in bytes (default 1 MiB). */
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Checks a local file or an http(s) URL, prints one line per problem and a summary; returns 0, 1 (errors) or 2 (unreadable). */
export async function runChatonsInfosCheck(
  target: string,
  out: (line: string) => void,
  options: CheckOptions = {},
): Promise<number> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let file: { bytes: Uint8Array; contentType: string | null };
  try {
    file = /^https?:\/\//i.test(target)
      ? await fetchCapped(target, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes)
      : { bytes: await readLocal(target, maxBytes), contentType: null };
  } catch (err) {
    out(`${target}: cannot read: ${describe(err)}`);
    return 2;
  }

  // The same decoding rule as the crawler: the server's declared charset, else UTF-8 or ISO-8859-1.
  const result = checkChatonsInfosBytes(file.bytes, file.contentType);
  for (const issue of result.issues) out(formatIssue(issue));
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  out(
    `${target}: ${result.fileClass ?? 'unknown class'}, ${count(result.document.entries.length, 'entry', 'entries')}, ` +
      `${count(result.errors, 'error', 'errors')}, ${count(result.warnings, 'warning', 'warnings')}`,
  );
  return result.errors > 0 ? 1 : 0;
}

/** Formats an issue as `<line>: error|warning <key>: <message>` (`-` when there is no line or key). */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.line ?? '-'}: ${issue.level} ${issue.key ?? '-'}: ${issue.message}`;
}

// fetch() says only "fetch failed"; the reason (DNS, refused connection…) is in `cause`.
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

async function readLocal(path: string, maxBytes: number): Promise<Uint8Array> {
  if ((await stat(path)).size > maxBytes) throw new Error(`file larger than ${maxBytes} bytes`);
  return readFile(path);
}

// Reads the body as a stream and gives up as soon as it passes maxBytes.
async function fetchCapped(url: string, timeoutMs: number, maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string | null }> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'text/plain, */*' } });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    }
    const declared = Number(res.headers.get('content-length'));
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw new Error(`file larger than ${maxBytes} bytes`);
    }
    const contentType = res.headers.get('content-type');
    if (!res.body) return { bytes: new Uint8Array(), contentType };
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new Error(`file larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    return { bytes, contentType };
  } catch (err) {
    // Both the connection and the body reading are cut by the timeout signal.
    if (signal.aborted) throw new Error(`no complete answer within ${timeoutMs / 1000} s`, { cause: err });
    throw err;
  }
}
