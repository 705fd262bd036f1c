// Structured logs with request ids and no address: Fastify's default request serializer logs the
// client's address, ours logs the method, a redacted path and the status only. On a terminal the lines
// are pino-pretty's (coloured, readable); elsewhere (systemd's journal, a file) they are pino's JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino, type Logger, type LoggerOptions } from 'pino';
import { lazy } from '../lazy.js';

// Loaded only when logs go to a terminal.
const pinoPretty = lazy<typeof import('pino-pretty')>('pino-pretty');

/** Where an address could still appear in a log object: replaced, never written. */
const REDACT = ['ip', 'ips', 'remoteAddress', 'req.ip', 'req.ips', 'req.remoteAddress', 'req.headers["x-forwarded-for"]', 'req.headers["x-real-ip"]', 'req.headers.forwarded'];

export interface LoggerChoice {
  /** Pretty lines; by default when the standard output is a terminal. */
  pretty?: boolean;
  /** Where to write (the standard output by default). */
  destination?: NodeJS.WritableStream;
}

/** The chaton's logger: pretty coloured lines on a terminal, JSON lines otherwise. */
export function createLogger(level: string, choice: LoggerChoice = {}): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT, censor: '[hidden]' } };
  const pretty = choice.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    const stream = pinoPretty()({
      ...(choice.destination ? { destination: choice.destination, colorize: false } : {}),
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
    });
    return pino(options, stream);
  }
  return choice.destination ? pino(options, choice.destination) : pino(options);
}

/** Drops the query string and hides path segments that look like secrets (tokens, unguessable names). */
export function redactUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((seg) => (seg.length >= 16 && /^[A-Za-z0-9_-]+$/.test(seg) ? '…' : seg))
    .join('/');
}

export const serializers = {
  req(req: FastifyRequest) {
    return { id: req.id, method: req.method, url: redactUrl(req.url) };
  },
  res(reply: FastifyReply) {
    return { statusCode: reply.statusCode };
  },
};
