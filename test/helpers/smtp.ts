// A real SMTP server for tests (smtp-server), on a port of its own: it keeps every message it receives,
// parsed (mailparser), and can be stopped and started again on the same port to play an outage.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export const SMTP_USER = 'chaton@example.org';
export const SMTP_PASSWORD = 'smtp-secret-do-not-log';

export interface ReceivedMail { to: string[]; subject: string; text: string; html: string; parsed: ParsedMail }

export class TestSmtp {
  readonly inbox: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  /** Listens (on `port`, or a free one the first time). */
  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, cb) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
        else cb(new Error('Invalid username or password'));
      },
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then((parsed) => {
            this.inbox.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              parsed,
            });
            cb();
          })
          .catch((err: Error) => cb(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The [mail] config that sends here. */
  config(): Record<string, unknown> {
    return { host: '127.0.0.1', port: this.port, security: 'none', user: SMTP_USER, password: SMTP_PASSWORD, from: 'Chaton test <noreply@example.org>', timeout_seconds: 5 };
  }

  /** Waits until `n` messages arrived in all (10 s at most), and returns them. */
  async waitFor(n: number): Promise<ReceivedMail[]> {
    for (let i = 0; i < 200 && this.inbox.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    if (this.inbox.length < n) throw new Error(`expected ${n} messages, got ${this.inbox.length}`);
    return this.inbox;
  }
}
