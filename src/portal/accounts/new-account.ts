// The new-account form shared by the first admin's setup, open signup and invitations: reading it,
// and checking it against the rules (username, password, member charter, username free).
import type { Db } from '../../storage/database.js';
import type { CharterVersion } from '../charters/store.js';
import { FormProblem, checkbox, keptText, textField, type FormBody } from './form.js';
import { MAX_DISPLAY_NAME, USERNAME, findByUsername, normalizeUsername } from './members.js';
import { MAX_PASSWORD, MIN_PASSWORD } from './passwords.js';

export interface NewAccountInput {
  username: string;
  displayName: string;
  password: string;
  password2: string;
  next: string;
  charterAccepted: boolean;
  charterVersion: string;
}

/** What the form shows again after a problem: never the passwords. */
export interface AccountFormValues { username: string; displayName: string; next: string }

export const EMPTY_VALUES: AccountFormValues = { username: '', displayName: '', next: '' };

export function valuesOf(body: FormBody): AccountFormValues {
  return { username: keptText(body, 'username', 100), displayName: keptText(body, 'display_name', MAX_DISPLAY_NAME), next: keptText(body, 'next', 2000) };
}

export function readNewAccount(body: FormBody): NewAccountInput {
  return {
    username: textField(body, 'username', 'accounts.field.username', 100),
    displayName: textField(body, 'display_name', 'accounts.field.displayName', MAX_DISPLAY_NAME, true),
    password: textField(body, 'password', 'accounts.field.password', MAX_PASSWORD),
    password2: textField(body, 'password2', 'accounts.field.password2', MAX_PASSWORD),
    next: textField(body, 'next', 'accounts.form.field', 2000, true),
    charterAccepted: checkbox(body, 'charter'),
    charterVersion: textField(body, 'charter_version', 'accounts.form.field', 12, true),
  };
}

/** A new password and its confirmation. */
export function checkNewPassword(password: string, password2: string): void {
  if (password.length < MIN_PASSWORD) throw new FormProblem(422, 'accounts.form.passwordShort', { min: MIN_PASSWORD });
  if (password !== password2) throw new FormProblem(422, 'accounts.form.passwordMismatch');
}

/** The member charter checkbox: accepted, and the version the person saw is still the current one. */
export function checkCharter(input: { charterAccepted: boolean; charterVersion: string }, charter: CharterVersion | null): void {
  if (!charter) return;
  if (input.charterVersion !== String(charter.version)) throw new FormProblem(409, 'accounts.form.charterChanged', { version: charter.version });
  if (!input.charterAccepted) throw new FormProblem(422, 'accounts.form.charterRequired');
}

export async function checkNewAccount(db: Db, input: NewAccountInput, charter: CharterVersion | null): Promise<void> {
  if (!USERNAME.test(normalizeUsername(input.username))) throw new FormProblem(422, 'accounts.form.username');
  checkNewPassword(input.password, input.password2);
  checkCharter(input, charter);
  if (await findByUsername(db, input.username)) throw new FormProblem(409, 'accounts.form.usernameTaken', { username: normalizeUsername(input.username) });
}
