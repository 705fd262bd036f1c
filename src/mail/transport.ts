// Sending one message through the configured SMTP server with nodemailer, loaded on first use (a chaton
// without e-mail never loads it). The password goes to nodemailer only: never logged, never in an error.
import type Nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../config/schema.js';
import { lazy } from '../lazy.js';

const loadNodemailer = lazy<typeof Nodemailer>('nodemailer');

export interface OutgoingMail { to: string; subject: string; text: string; html: string }

export type MailConfig = Config['mail'];

export function transportOptions(mail: MailConfig): SMTPTransport.Options {
  const ms = mail.timeout_seconds * 1000;
  return {
    host: mail.host,
    port: mail.port,
    secure: mail.security === 'tls',
    requireTLS: mail.security === 'starttls',
    ignoreTLS: mail.security === 'none',
    ...(mail.user ? { auth: { user: mail.user, pass: mail.password } } : {}),
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
    logger: false,
    debug: false,
  };
}

/** A sender of messages: one SMTP connection per message (a chaton sends a few a day). */
export class SmtpSender {
  constructor(private readonly mail: MailConfig) {}

  async send(message: OutgoingMail): Promise<void> {
    const transport = loadNodemailer().createTransport(transportOptions(this.mail));
    try {
      await transport.sendMail({ from: this.mail.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    } finally {
      transport.close();
    }
  }
}

/** The SMTP error in one line, without anything secret (nodemailer's messages name no password). */
export function smtpErrorText(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  return (code + message).replace(/\s+/g, ' ').slice(0, 500);
}
