// Whether the chaton sends e-mail: a [mail] host is set. Without one, everything works as before e-mail
// existed (admins hand links over themselves), and nothing offers what cannot work.
import type { Config } from '../config/schema.js';

export function mailConfigured(config: Pick<Config, 'mail'>): boolean {
  return config.mail.host.trim() !== '';
}
