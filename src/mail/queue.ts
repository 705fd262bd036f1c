// The outgoing e-mail queue, stored in the database so that a mail server outage loses nothing: a request
// enqueues (in its own transaction when it has one) and kicks the sender; the `mail` job (server/jobs.ts,
// one process at a time) retries what failed, with a wait that doubles after each failure, and forgets
// sent and given-up messages after mail.keep_days. Each message is claimed before it is sent
// (`locked_until`), so two processes never send it twice.
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { publicUrl } from '../config/public-url.js';
import type { Db } from '../storage/database.js';
import type { Lang } from '../i18n/index.js';
import { newId } from '../portal/accounts/tokens.js';
import { mailConfigured } from './configured.js';
import { renderMail, type MailContent } from './templates.js';
import { seal, unseal } from './sealed.js';
import { SmtpSender, smtpErrorText, type OutgoingMail } from './transport.js';

/** The longest wait between two tries. */
const MAX_BACKOFF_MS = 6 * 3600 * 1000;
/** Messages sent per run of the sender at most (the next run takes the rest). */
const BATCH = 50;

export interface MailSender { send(message: OutgoingMail): Promise<void> }

export interface MailStats { waiting: number; failed: number }

/** The wait after the `attempts`-th failed try: retry_seconds, doubled each time, at most 6 hours. */
export function backoffMs(retrySeconds: number, attempts: number): number {
  return Math.min(retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export class MailQueue {
  private current: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly sender: MailSender = new SmtpSender(config.mail),
  ) {}

  get configured(): boolean {
    return mailConfigured(this.config);
  }

  /**
   * Puts a message to `to` in the queue, written in `lang` (nothing when e-mail is not configured).
   * `db` may be the request's transaction. Call `kick()` after the transaction commits.
   */
  async enqueue(to: string, lang: Lang, content: MailContent, db: Db = this.db, now = Date.now()): Promise<boolean> {
    if (!this.configured) return false;
    const rendered = renderMail(content, lang, { name: this.config.chaton.name, url: publicUrl(this.config), timeZone: this.config.chaton.time_zone });
    await db
      .insertInto('mail_queue')
      .values({
        id: newId(),
        kind: content.kind,
        recipient: to,
        payload: seal(this.config.secrets.session, JSON.stringify(rendered)),
        created_at: now,
        next_attempt_at: now,
        last_error: null,
        sent_at: null,
        failed_at: null,
      })
      .execute();
    return true;
  }

  /** Sends what is due soon, in the background (a request does not wait for the mail server). */
  kick(): void {
    if (!this.configured) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })()
      .catch((err: unknown) => this.log.error({ err }, 'mail queue failed'))
      .finally(() => {
        this.current = null;
      });
  }

  /** Waits for a background send started by `kick()` (at shutdown, and in tests). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Sends every message due at `now`; returns how many were sent. */
  async drain(now = Date.now()): Promise<number> {
    if (!this.configured) return 0;
    const due = await this.db
      .selectFrom('mail_queue')
      .select('id')
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where('locked_until', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .execute();
    let sent = 0;
    for (const { id } of due) if (await this.sendOne(id, now)) sent += 1;
    return sent;
  }

  private async sendOne(id: string, now: number): Promise<boolean> {
    // Held for longer than one SMTP exchange can take; a process that dies leaves it to the next run.
    const lease = now + this.config.mail.timeout_seconds * 4000 + 60_000;
    const claimed = await this.db
      .updateTable('mail_queue')
      .set({ locked_until: lease })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('locked_until', '<=', now)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const row = await this.db.selectFrom('mail_queue').select(['kind', 'recipient', 'payload', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    const attempts = Number(row.attempts) + 1;
    const plain = unseal(this.config.secrets.session, row.payload);
    if (plain === null) {
      await this.giveUp(id, attempts, 'cannot read the message: secrets.session changed since it was queued', now);
      return false;
    }
    const message = JSON.parse(plain) as Omit<OutgoingMail, 'to'>;
    try {
      await this.sender.send({ ...message, to: row.recipient });
    } catch (err) {
      const error = smtpErrorText(err);
      // The recipient is not logged: an address is personal data.
      this.log.warn({ kind: row.kind, attempts, error }, 'e-mail not sent');
      if (attempts >= this.config.mail.max_attempts) await this.giveUp(id, attempts, error, now);
      else {
        await this.db
          .updateTable('mail_queue')
          .set({ attempts, last_error: error, locked_until: 0, next_attempt_at: now + backoffMs(this.config.mail.retry_seconds, attempts) })
          .where('id', '=', id)
          .execute();
      }
      return false;
    }
    // Once sent, the content (and the one-time link in it) is not kept.
    await this.db.updateTable('mail_queue').set({ attempts, sent_at: now, last_error: null, payload: '', locked_until: 0 }).where('id', '=', id).execute();
    return true;
  }

  private async giveUp(id: string, attempts: number, error: string, now: number): Promise<void> {
    this.log.error({ attempts, error }, 'e-mail given up');
    await this.db.updateTable('mail_queue').set({ attempts, last_error: error, failed_at: now, payload: '', locked_until: 0 }).where('id', '=', id).execute();
  }

  /** Forgets messages sent or given up more than mail.keep_days ago. */
  async purge(now = Date.now()): Promise<void> {
    const before = now - this.config.mail.keep_days * 24 * 3600 * 1000;
    await this.db.deleteFrom('mail_queue').where((eb) => eb.or([eb('sent_at', '<', before), eb('failed_at', '<', before)])).execute();
  }

  async stats(): Promise<MailStats> {
    const rows = await this.db
      .selectFrom('mail_queue')
      .select((eb) => [
        eb.fn.count<number>('id').filterWhere((w) => w.and([w('sent_at', 'is', null), w('failed_at', 'is', null)])).as('waiting'),
        eb.fn.count<number>('id').filterWhere('failed_at', 'is not', null).as('failed'),
      ])
      .executeTakeFirst();
    return { waiting: Number(rows?.waiting ?? 0), failed: Number(rows?.failed ?? 0) };
  }
}

/** A member's language as stored ('fr' when unknown). */
export function langOf(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'fr';
}
