// The pieces of the routes' schemas (zod, through fastify-type-provider-zod: a route's handler types come
// from its schema). A value that breaks a schema is answered 400 with a translated message, as a page or
// JSON (server/error-handlers.tsx), on SQLite and PostgreSQL alike: no NUL byte (PostgreSQL refuses them
// in text), no integer that is not one (1.5, NaN, 1e400, 9999999999999999999).
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';

export { z };

// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;

/** Text of at most `max` characters, without NUL bytes. */
export const text = (max: number) => z.string().max(max).regex(NO_NUL);

/** A path segment or query value: at most 200 characters (Fastify's maxParamLength), without NUL. */
export const segment = text(200);

/** A whole number written in decimal digits (a path segment or a query value), within [min, max]. */
export const intString = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Any text without NUL, for values that the route's own code reads and checks (with its own message). */
export const anyText = z.string().regex(NO_NUL);

/** A value that the route's own code checks: one text, or the same field repeated (refused by that code). */
export const anyValue = z.union([anyText, z.array(anyText)]);

/** A free-form query string (filters, PrivateBin's `?<id>`): each value one text or a repeated one. */
export const anyQuery = z.record(z.string().regex(NO_NUL), anyValue);

/** The usual path parameters. */
export const byId = z.object({ id: segment });
export const byToken = z.object({ token: segment });

/** `?next=…`, a local redirect target decided by safeNext (server/page-context.ts). */
export const nextQuery = z.object({ next: anyValue.optional() });

/** `?done=` after a form: a known key or nothing (checked by `doneKey`). */
export const doneQuery = z.object({ done: anyValue.optional() });

/** The largest id of a `serial` (PostgreSQL integer) column: audit entries, Drop reports. */
export const INT4_MAX = 2_147_483_647;

/** An id of a `serial` column, or an index stored in an integer column. */
export const int4 = () => intString(0, INT4_MAX);

/** A form value: one text or the same field repeated; sizes are checked by the body limit and the form. */
const formValue = z.union([z.string().regex(NO_NUL), z.array(z.string().regex(NO_NUL))]);

/** An HTML form (application/x-www-form-urlencoded): each field is read and checked by the page's own code. */
export const form = z.record(z.string().regex(NO_NUL), formValue);

/** A form, or nothing (a POST without a body, e.g. a button that only carries its CSRF token in the URL). */
export const optionalForm = form.optional();

/** Installs zod as the validator of every route schema. */
export function registerSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}

/** The app (or a plugin's scope) with handler types taken from the zod schemas. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;

/** True when a parsed request part (params, query, form or JSON body) holds a NUL byte in a key or text. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return NUL.test(value);
  if (depth > 32 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => NUL.test(k) || holdsNul(v, depth + 1));
}
