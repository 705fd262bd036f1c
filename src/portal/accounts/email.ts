// The e-mail address field of the account and forms: optional, at most 254 characters, a real address
// (zod's check), kept in lower case.
import { z } from 'zod';
import { FormProblem, textField, type FormBody } from './form.js';
import { MAX_EMAIL, normalizeEmail } from './members.js';
import type { MessageKey } from '../../i18n/index.js';

const address = z.email();

/** The address typed in `name`, normalized; '' when left empty and `optional`. A bad one is a 422. */
export function emailField(body: FormBody, name: string, label: MessageKey, optional: boolean): string {
  const email = normalizeEmail(textField(body, name, label, MAX_EMAIL, optional));
  if (email === '') {
    if (optional) return '';
    throw new FormProblem(400, 'accounts.form.missing', {}, label);
  }
  if (!address.safeParse(email).success) throw new FormProblem(422, 'mail.form.email');
  return email;
}
