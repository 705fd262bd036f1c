// The zod schema of PrivateBin's API v2 write bodies (POST, PUT, DELETE on /paste/), as FormatV2::isValid
// checks them: the exact keys, the adata shape, base64 fields, sane cipher parameters, and a ciphertext
// that does not look like plain text. Each check names the translated message it fails with; the route's
// error handler answers the first one as {status:1, message} (tooLarge as a 413).
import { z, text } from '../../server/schemas.js';
import type { MessageKey } from '../../i18n/index.js';
import { FormatError, ID_RE, strictBase64 } from './format.js';
import { looksEncrypted } from './encrypted.js';

const FORMATTERS = ['plaintext', 'syntaxhighlighting', 'markdown'] as const;

const err = (key: MessageKey) => ({ error: key });

/** Strict base64 of at most `max` characters, named `key` when it is not even a string. */
const b64 = (max: number) =>
  z.string(err('paste.api.badAdata')).superRefine((s, ctx) => {
    if (!strictBase64(s)) ctx.addIssue({ code: 'custom', message: 'paste.api.badBase64' });
    else if (s.length > max) ctx.addIssue({ code: 'custom', message: 'paste.api.badAdata' });
  });

const oneOf = <T extends number>(values: readonly T[]) => z.number(err('paste.api.badAdata')).refine((n) => (values as readonly number[]).includes(n), err('paste.api.badAdata'));

/** The cipher parameters: [iv, salt, iterations, key size, tag size, 'aes', mode, compression]. */
const cipherSpec = z.tuple(
  [
    b64(24),
    b64(14),
    z.number(err('paste.api.badAdata')).int(err('paste.api.badAdata')).gt(10000, err('paste.api.badAdata')),
    oneOf([128, 192, 256]),
    oneOf([64, 96, 128]),
    z.literal('aes', err('paste.api.badAdata')),
    z.enum(['ctr', 'cbc', 'gcm'], err('paste.api.badAdata')),
    z.enum(['zlib', 'none'], err('paste.api.badAdata')),
  ],
  err('paste.api.badAdata'),
);

const bit = z.union([z.literal(0), z.literal(1)], err('paste.api.badAdata'));

/** A paste's adata: [cipher spec, formatter, open discussion 0|1, burn after reading 0|1]. */
const pasteAdata = z
  .tuple([cipherSpec, z.enum(FORMATTERS, err('paste.api.badFormat')), bit, bit], err('paste.api.badAdata'))
  .refine(([, , discussion, burn]) => !(discussion && burn), err('paste.api.burnAndDiscussion'));

const version = z.number(err('paste.api.badVersion')).min(2, err('paste.api.badVersion'));

const pasteId = z.string(err('paste.api.badId')).regex(ID_RE, err('paste.api.badId'));

/** The ciphertext: within the size limit, strict base64, and bytes that look encrypted (encrypted.ts). */
const ciphertext = (maxBytes: number) =>
  z.string(err('paste.api.badData')).superRefine((ct, ctx) => {
    if (ct.length > maxBytes) return ctx.addIssue({ code: 'custom', message: 'paste.api.tooLarge' });
    const raw = strictBase64(ct);
    if (!raw) return ctx.addIssue({ code: 'custom', message: 'paste.api.badBase64' });
    if (!looksEncrypted(raw)) ctx.addIssue({ code: 'custom', message: 'paste.api.notEncrypted' });
  });

const meta = z.strictObject({ expire: z.string(err('paste.api.badMeta')).max(32, err('paste.api.badMeta')) }, err('paste.api.badMeta'));

const pasteBody = (maxBytes: number) =>
  z
    .strictObject({ adata: pasteAdata, v: version, ct: ciphertext(maxBytes), meta }, err('paste.api.badData'))
    .transform((b) => ({
      kind: 'paste' as const,
      v: b.v,
      adata: b.adata as unknown[],
      ct: b.ct,
      expire: b.meta.expire,
      discussion: b.adata[2] === 1,
      burn: b.adata[3] === 1,
    }));

const commentBody = (maxBytes: number) =>
  z
    .strictObject({ adata: cipherSpec, v: version, ct: ciphertext(maxBytes), pasteid: pasteId, parentid: pasteId }, err('paste.api.badData'))
    .transform((b) => ({ kind: 'comment' as const, v: b.v, adata: b.adata as unknown[], ct: b.ct, pasteid: b.pasteid, parentid: b.parentid }));

/** A deletion: other keys are ignored, as PrivateBin does. */
const deleteBody = z
  .object({ pasteid: pasteId, deletetoken: text(200).min(1) })
  .transform((b) => ({ kind: 'delete' as const, pasteid: b.pasteid, deletetoken: b.deletetoken }));

const filled = (o: Record<string, unknown>, key: string): boolean => typeof o[key] === 'string' && o[key] !== '';

/** Which of the three bodies a client meant, as PrivateBin tells them apart. */
function kindOf(body: unknown): 'paste' | 'comment' | 'delete' {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'paste';
  const o = body as Record<string, unknown>;
  if (filled(o, 'pasteid') && filled(o, 'deletetoken')) return 'delete';
  return filled(o, 'pasteid') && filled(o, 'parentid') ? 'comment' : 'paste';
}

/** The body of a write: a paste, a comment or a deletion (the handler's type comes from here). */
export function apiBody(maxBytes: number) {
  const shapes = { paste: pasteBody(maxBytes), comment: commentBody(maxBytes), delete: deleteBody };
  type Out = z.output<(typeof shapes)['paste']> | z.output<(typeof shapes)['comment']> | z.output<typeof deleteBody>;
  return z.unknown().transform((body, ctx): Out => {
    const parsed = shapes[kindOf(body)].safeParse(body);
    if (parsed.success) return parsed.data;
    // Keys that are not in the format come first: the body is then not a paste at all (badData).
    const foreign = (i: z.core.$ZodIssue): boolean => i.code === 'unrecognized_keys' && i.path.length === 0;
    const issues = [...parsed.error.issues.filter(foreign), ...parsed.error.issues.filter((i) => !foreign(i))];
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

export type ApiInput = z.output<ReturnType<typeof apiBody>>;
export type PasteInput = Extract<ApiInput, { kind: 'paste' }>;
export type CommentInput = Extract<ApiInput, { kind: 'comment' }>;

const PASTE_KEY = /^paste\.api\.[A-Za-z0-9]+$/;

/** The message of a refused body: the first check that failed (a key not in the format: badData). */
export function bodyErrorKey(issues: readonly { message?: string }[]): MessageKey {
  const key = issues.find((i) => PASTE_KEY.test(i.message ?? ''))?.message;
  return (key ?? 'paste.api.badData') as MessageKey;
}

/** Checks a parsed body outside a route (tests, tools): its input, or a FormatError with its message. */
export function parseApiBody(body: unknown, maxBytes: number): ApiInput {
  const parsed = apiBody(maxBytes).safeParse(body);
  if (parsed.success) return parsed.data;
  const key = bodyErrorKey(parsed.error.issues);
  throw new FormatError(key, bodyErrorStatus(key));
}

/** A ciphertext over the limit is a 413, like a body over the route's limit; any other refusal a 400. */
export function bodyErrorStatus(key: MessageKey): number {
  return key === 'paste.api.tooLarge' ? 413 : 400;
}
