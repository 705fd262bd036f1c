// Every e-mail the chaton sends, from this one module: a subject naming the chaton, a plain text part and
// a simple HTML part (escaped by Preact, no style sheet, no remote image), in the recipient's language.
import { renderToString } from 'preact-render-to-string';
import { translator, type Lang, type MessageKey } from '../i18n/index.js';
import { formatDate } from '../i18n/dates.js';

export type MailContent =
  | { kind: 'reset'; username: string; link: string; hours: number }
  | { kind: 'invitation'; inviter: string; link: string; expiresAt: number }
  | { kind: 'signup-waiting'; username: string; link: string }
  | { kind: 'test' };

/** The chaton as its e-mails name it; dates are written in its zone (`chaton.time_zone`), the zone named. */
export interface Site { name: string; url: string; timeZone?: string }

export interface RenderedMail { subject: string; text: string; html: string }

/** What a message says: its subject, paragraphs, and the one link it leads to (if any). */
interface Parts { subject: MessageKey; paragraphs: string[]; action?: { label: MessageKey; url: string } }

function partsOf(content: MailContent, lang: Lang, site: Site): Parts {
  const t = translator(lang);
  switch (content.kind) {
    case 'reset':
      return {
        subject: 'mail.reset.subject',
        paragraphs: [t('mail.reset.hello', { username: content.username }), t('mail.reset.text', { username: content.username, hours: content.hours }), t('mail.reset.ignore')],
        action: { label: 'mail.reset.action', url: content.link },
      };
    case 'invitation':
      return {
        subject: 'mail.invitation.subject',
        paragraphs: [t('mail.invitation.text', { inviter: content.inviter, name: site.name, date: formatDate(content.expiresAt, lang, 'dateTime', { timeZone: site.timeZone, zoneName: true }) })],
        action: { label: 'mail.invitation.action', url: content.link },
      };
    case 'signup-waiting':
      return { subject: 'mail.signup.subject', paragraphs: [t('mail.signup.text', { username: content.username })], action: { label: 'mail.signup.action', url: content.link } };
    case 'test':
      return { subject: 'mail.test.subject', paragraphs: [t('mail.test.text')] };
  }
}

export function renderMail(content: MailContent, lang: Lang, site: Site): RenderedMail {
  const t = translator(lang);
  const parts = partsOf(content, lang, site);
  const subject = t('mail.subject', { name: site.name, subject: t(parts.subject) });
  const signature = t('mail.signature', { name: site.name, url: site.url });
  const why = t('mail.why', { url: site.url });
  const text = [...parts.paragraphs, ...(parts.action ? [`${t(parts.action.label)}${t('punct.colon')}\n${parts.action.url}`] : []), signature, why].join('\n\n') + '\n';
  const html =
    '<!DOCTYPE html>' +
    renderToString(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <title>{subject}</title>
        </head>
        <body>
          {parts.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {parts.action && (
            <p>
              <a href={parts.action.url}>{t(parts.action.label)}</a>
              <br />
              {parts.action.url}
            </p>
          )}
          <p>{signature}</p>
          <p>
            <small>{why}</small>
          </p>
        </body>
      </html>,
    );
  return { subject, text, html };
}
