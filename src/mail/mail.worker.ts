import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { NotificationsService } from '../realtime/notifications.service';
import { type ClaimedMail, OutboxRepository } from './outbox.repository';

/** Attempts before a mail is failed for good (a permanent 5xx answer fails it at once). */
export const MAX_ATTEMPTS = 6;
/** Seconds before the next attempt: 10 s, 40 s, 160 s, … */
export const retryDelaySeconds = (attempts: number) => 10 * 4 ** (attempts - 1);
const BATCH = 50;
/** Mails sent at the same time by one process (the SMTP connection pool's size). */
export const LANES = 4;

/**
 * Delivers the outbox through nodemailer over SMTP_URL: claims due mails (FOR UPDATE SKIP LOCKED, so several app
 * processes never send one twice), sends each with its fixed Message-ID, marks it sent at once, and on failure
 * queues it again with backoff (or fails it, keeping the server's answer). At most MAIL_RATE_PER_SECOND per process.
 * Without SMTP_URL it does nothing: mails stay queued for admins to read.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailWorker');
  private transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private nextSlot = 0;
  sentCount = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly outbox: OutboxRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.transport = createTransport(this.config.smtpUrl + (this.config.smtpUrl.includes('?') ? '&' : '?') + 'pool=true&maxConnections=' + LANES);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Looks for due mail now (after a change wrote some) rather than at the next poll. */
  wake(): void {
    if (this.transport && !this.running && !this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        .catch((error) => {
          this.logger.error(`mail round: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        })
        .then((busy) => {
          this.running = null;
          this.schedule(busy ? 0 : this.config.mailPollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One batch; true when there may be more due at once. */
  private async round(): Promise<boolean> {
    const batch = await this.outbox.claim(BATCH, this.config.mailLeaseSeconds);
    if (!batch.length) return false;
    const unseen = await this.stillUnseen(batch);
    const cancelled = batch.filter((m) => !unseen.has(m.id));
    await this.outbox.markCancelled(cancelled.map((m) => m.id));
    const queue = batch.filter((m) => unseen.has(m.id));
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        for (let mail = queue.shift(); mail && !this.stopped; mail = queue.shift()) await this.deliver(mail);
      }),
    );
    return batch.length === BATCH;
  }

  /** The mails still worth sending: a notification already read in the app (or its message read) is not mailed. */
  private async stillUnseen(batch: ClaimedMail[]): Promise<Set<string>> {
    const keep = new Set(batch.map((m) => m.id));
    const told = batch.filter((m) => m.notificationId);
    if (!told.length) return keep;
    const unread = new Set(await this.notifications.unreadAmong(told.map((m) => m.notificationId!)));
    for (const m of told) if (!unread.has(m.notificationId!)) keep.delete(m.id);
    return keep;
  }

  /** Waits for this process's next send slot (MAIL_RATE_PER_SECOND). */
  private async slot(): Promise<void> {
    const gap = 1000 / this.config.mailRatePerSecond;
    const now = performance.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + gap;
    if (at - now >= 1) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    await this.slot();
    try {
      const { 'Reply-To': replyTo, ...headers } = mail.headers;
      const calendar = mail.attachments.find((a) => a.method);
      await this.transport!.sendMail({
        from: this.config.mailFrom,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: `<${mail.messageId}>`,
        ...(replyTo ? { replyTo } : {}),
        headers,
        ...(calendar ? { icalEvent: { method: calendar.method, filename: calendar.filename, content: calendar.content } } : {}),
        attachments: mail.attachments.filter((a) => !a.method).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      await this.outbox.markSent(mail.id);
      this.sentCount++;
    } catch (error) {
      const answer = error as { response?: string; responseCode?: number; message?: string };
      const text = (answer.response ?? answer.message ?? String(error)).slice(0, 1000);
      const permanent = typeof answer.responseCode === 'number' && answer.responseCode >= 500;
      const retry = permanent || mail.attempts >= MAX_ATTEMPTS ? null : retryDelaySeconds(mail.attempts);
      await this.outbox.markAttemptFailed(mail.id, text, retry);
      this.logger.warn(`mail ${mail.id} to ${mail.toAddress}: ${text}${retry === null ? ' (failed)' : ` (again in ${retry}s)`}`);
    }
  }
}
