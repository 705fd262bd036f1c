// `chaton mail test <address>`: sends a test e-mail now, straight through the SMTP server (not through
// the queue), and says plainly whether it worked or what the server answered.
import { z } from 'zod';
import { loadConfigOrExit } from './common.js';
import { mailConfigured } from '../mail/configured.js';
import { renderMail } from '../mail/templates.js';
import { SmtpSender, smtpErrorText } from '../mail/transport.js';
import { publicUrl } from '../config/public-url.js';

export async function mailTestCommand(address: string, opts: { lang?: string }): Promise<void> {
  const config = loadConfigOrExit();
  if (!mailConfigured(config)) {
    console.error('E-mail is not configured: set host and from in the [mail] section (or CHATON_MAIL_HOST and CHATON_MAIL_FROM).');
    process.exitCode = 2;
    return;
  }
  if (!z.email().safeParse(address.trim()).success) {
    console.error(`"${address}" is not an e-mail address.`);
    process.exitCode = 2;
    return;
  }
  const lang = opts.lang === 'en' ? 'en' : 'fr';
  const message = renderMail({ kind: 'test' }, lang, { name: config.chaton.name, url: publicUrl(config), timeZone: config.chaton.time_zone });
  const server = `${config.mail.host}:${config.mail.port}`;
  try {
    await new SmtpSender(config.mail).send({ ...message, to: address.trim() });
    console.log(`Sent a test e-mail to ${address.trim()} through ${server}.`);
  } catch (err) {
    console.error(`Could not send through ${server}: ${smtpErrorText(err)}`);
    process.exitCode = 1;
  }
}
