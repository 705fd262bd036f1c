// SPDX-License-Identifier: AGPL-3.0-or-later
// Fetches one ChatonsInfos file safely: no private addresses (checked at connection time, on every
// redirect hop), a timeout, a size cap read as a stream (after decompression, when a server compresses
// anyway), a redirect cap, conditional requests.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Agent } from 'undici';
import { lazy } from '../../lazy.js';
import { addressAllowed, type AddressPolicy } from './address.js';

// Loaded at the first crawl, not at start.
const undici = lazy<typeof import('undici')>('undici');

export type FetchErrorCode = 'private-address' | 'timeout' | 'too-large' | 'too-many-redirects' | 'http-status' | 'network' | 'bad-url';

export class FetchError extends Error {
  constructor(readonly code: FetchErrorCode, message: string) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface Validators { etag: string | null; lastModified: string | null }

export type FetchResult =
  | { status: 'ok'; finalUrl: string; bytes: Uint8Array; contentType: string | null; etag: string | null; lastModified: string | null }
  | { status: 'not-modified'; finalUrl: string };

/** Stops reading a body; undici then reports an abort on it, which is expected here. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A decoder for the body's Content-Encoding, null for none; an unknown encoding is refused. */
function decoderFor(encoding: string | null): Transform | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return null;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  throw new FetchError('http-status', `unsupported content-encoding: ${e.slice(0, 40)}`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** An HTTP client whose every connection refuses addresses the policy forbids. */
export class SafeFetcher {
  private connectionPool: Agent | undefined;
  private readonly makeAgent: () => Agent;

  constructor(private readonly policy: AddressPolicy, private readonly limits: FetchLimits, connections = 64) {
    const lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
      dnsLookup(hostname, { family: options.family ?? 0, all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        const ok = addresses.filter((a) => addressAllowed(a.address, policy));
        if (ok.length === 0) {
          const refused = Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' });
          return callback(refused, []);
        }
        if (options.all) return callback(null, ok);
        callback(null, ok[0]!.address, ok[0]!.family);
      });
    };
    this.makeAgent = () => new (undici().Agent)({ connect: { lookup: lookup as never, timeout: limits.timeoutMs }, connections, keepAliveTimeout: 4000, pipelining: 1 });
  }

  /** The connection pool, made at the first request. */
  private get agent(): Agent {
    return (this.connectionPool ??= this.makeAgent());
  }

  async close(): Promise<void> {
    await this.connectionPool?.close();
  }

  /** Fetches `url`, following up to maxRedirects redirects by hand; `stop` aborts it early (the crawl's time budget). */
  async fetch(url: string, validators: Validators = { etag: null, lastModified: null }, stop?: AbortSignal): Promise<FetchResult> {
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
    let current = url;
    try {
      for (let hop = 0; ; hop++) {
        const target = this.check(current);
        const headers: Record<string, string> = { 'user-agent': this.limits.userAgent, accept: 'text/plain, */*;q=0.5' };
        if (validators.etag) headers['if-none-match'] = validators.etag;
        if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
        const res = await undici().request(target, { method: 'GET', headers, dispatcher: this.agent, signal, maxRedirections: 0 });
        const header = (name: string): string | null => {
          const v = res.headers[name];
          return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
        };
        if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
          await res.body.dump();
          const location = header('location');
          if (!location) throw new FetchError('http-status', `HTTP ${res.statusCode} without Location`);
          if (hop >= this.limits.maxRedirects) throw new FetchError('too-many-redirects', `more than ${this.limits.maxRedirects} redirects`);
          current = new URL(location, target).toString();
          continue;
        }
        if (res.statusCode === 304) {
          await res.body.dump();
          return { status: 'not-modified', finalUrl: target.toString() };
        }
        if (res.statusCode !== 200) {
          await res.body.dump();
          throw new FetchError('http-status', `HTTP ${res.statusCode}`);
        }
        const declared = Number(header('content-length') ?? '0');
        if (declared > this.limits.maxBytes) {
          discard(res.body);
          throw new FetchError('too-large', `larger than ${this.limits.maxBytes} bytes`);
        }
        let decoder: Transform | null;
        try {
          decoder = decoderFor(header('content-encoding'));
        } catch (err) {
          discard(res.body);
          throw err;
        }
        // The cap applies to what is kept, after decompression: a small compressed bomb stops at it.
        const source: AsyncIterable<Buffer> = decoder ? res.body.pipe(decoder) : (res.body as AsyncIterable<Buffer>);
        const chunks: Buffer[] = [];
        let size = 0;
        try {
          for await (const chunk of source) {
            size += chunk.byteLength;
            if (size > this.limits.maxBytes) throw new FetchError('too-large', `larger than ${this.limits.maxBytes} bytes`);
            chunks.push(chunk);
          }
        } catch (err) {
          decoder?.destroy();
          discard(res.body);
          throw err;
        }
        return { status: 'ok', finalUrl: target.toString(), bytes: new Uint8Array(Buffer.concat(chunks)), contentType: header('content-type'), etag: header('etag'), lastModified: header('last-modified') };
      }
    } catch (err) {
      throw this.describe(err, signal);
    }
  }

  /** True when `url` answers with a status below 400 (a redirect counts as an answer). */
  async probe(url: string): Promise<boolean> {
    try {
      const target = this.check(url);
      const res = await undici().request(target, { method: 'GET', headers: { 'user-agent': this.limits.userAgent }, dispatcher: this.agent, signal: AbortSignal.timeout(this.limits.timeoutMs), maxRedirections: 0 });
      discard(res.body);
      return res.statusCode < 400;
    } catch {
      return false;
    }
  }

  /** Parses the URL and refuses other schemes and forbidden literal addresses (which skip the DNS lookup). */
  private check(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FetchError('bad-url', `not a URL: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchError('bad-url', `not an http(s) URL: ${url}`);
    if (parsed.username || parsed.password) throw new FetchError('bad-url', 'credentials in URL');
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !addressAllowed(host, this.policy)) throw new FetchError('private-address', `${host} is a private address`);
    return parsed;
  }

  private describe(err: unknown, signal: AbortSignal): FetchError {
    if (err instanceof FetchError) return err;
    if (signal.aborted) return new FetchError('timeout', `no complete answer within ${this.limits.timeoutMs / 1000} s`);
    const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const code = e.code ?? e.cause?.code;
    if (code === 'EPRIVATE') return new FetchError('private-address', e.message);
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new FetchError('timeout', e.message);
    return new FetchError('network', code ? `${code}: ${e.message}` : e.message);
  }
}
