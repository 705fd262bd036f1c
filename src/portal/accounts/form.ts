// Reading the accounts forms: every field is checked for presence, type and size before use, and a
// problem becomes a FormProblem that the page shows next to the form (never a 500).
import { codePoints } from '../../i18n/text-length.js';
import type { MessageKey, Params, Translate } from '../../i18n/index.js';

export type FormBody = Record<string, unknown>;

export class FormProblem extends Error {
  constructor(readonly status: number, readonly key: MessageKey, readonly params: Params = {}, readonly field?: MessageKey) {
    super(String(key));
    this.name = 'FormProblem';
  }
}

/** The problem in words, naming the field when there is one. */
export function problemText(t: Translate, problem: FormProblem): string {
  return t(problem.key, { ...problem.params, ...(problem.field ? { field: t(problem.field) } : {}) });
}

/** The parsed form, or an empty one when the body is not a form (JSON array, nothing…). */
export function formBody(body: unknown): FormBody {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** What the person typed in a field, to show again in the form after a problem (cut to `max`). */
export function keptText(body: FormBody, name: string, max: number): string {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The message key named by `?done=…` after a change (e.g. "Saved."), if it is one of `keys`. */
export function doneKey(query: unknown, keys: Record<string, MessageKey>): MessageKey | undefined {
  const done = (query as { done?: unknown } | undefined)?.done;
  return typeof done === 'string' && Object.hasOwn(keys, done) ? keys[done] : undefined;
}

/** A text field of at most `max` characters: missing (unless optional), repeated or too long → 400. */
export function textField(body: FormBody, name: string, label: MessageKey, max: number, optional = false): string {
  const value = body[name];
  if (value === undefined) {
    if (optional) return '';
    throw new FormProblem(400, 'accounts.form.missing', {}, label);
  }
  if (typeof value !== 'string') throw new FormProblem(400, 'accounts.form.malformed', {}, label);
  if (codePoints(value) > max) throw new FormProblem(400, 'accounts.form.tooLong', { max }, label);
  return value;
}

/** A checkbox: true when sent (whatever its value), false when absent. */
export function checkbox(body: FormBody, name: string): boolean {
  const value = body[name];
  if (value !== undefined && typeof value !== 'string') throw new FormProblem(400, 'accounts.form.malformed', {}, 'accounts.form.field');
  return value !== undefined;
}

/** Repeated checkboxes with the same name (e.g. groups): a list of short strings. */
export function checkboxList(body: FormBody, name: string, max = 500): string[] {
  const value = body[name];
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (list.length > max || list.some((v) => typeof v !== 'string' || v.length > 200)) throw new FormProblem(400, 'accounts.form.malformed', {}, 'accounts.form.field');
  return list as string[];
}

/** A whole number between min and max. */
export function intField(body: FormBody, name: string, label: MessageKey, min: number, max: number): number {
  const raw = textField(body, name, label, 12).trim();
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new FormProblem(422, 'accounts.form.range', { min, max }, label);
  return n;
}

/** Runs `fn`, turning a FormProblem into its result (and letting any other error through). */
export async function catchProblem<T>(fn: () => Promise<T>): Promise<T | FormProblem> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FormProblem) return err;
    throw err;
  }
}
