import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { OutboxMail, type OutboxStatus } from './entities/outbox-mail.entity';

export type NewOutboxMail = Pick<
  OutboxMail,
  'kind' | 'userId' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'attachments' | 'messageId' | 'dedupeKey' | 'notificationId' | 'context'
> & { delaySeconds?: number; id?: string };

/** A claimed mail as the worker sends it. */
export type ClaimedMail = Pick<
  OutboxMail,
  'id' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'attachments' | 'messageId' | 'attempts' | 'notificationId'
>;

export interface OutboxFigures {
  queued: number;
  failed: number;
  oldestQueuedAgeSeconds: number | null;
}

/** The mail_outbox table: the only door to it. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes mails inside the caller's transaction. A mail whose dedupe key is already taken is left out; returns how
   * many were written.
   */
  async insert(tx: Tx, rows: NewOutboxMail[]): Promise<number> {
    if (!rows.length) return 0;
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(OutboxMail)
      .values(
        rows.map(({ delaySeconds, ...r }) => ({
          ...r,
          nextAttemptAt: () => (delaySeconds ? `now() + make_interval(secs => ${Number(delaySeconds)})` : 'now()'),
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  /**
   * Claims up to `limit` due mails for `leaseSeconds`: queued ones whose time has come, and ones a crashed process
   * had claimed and whose lease ran out. FOR UPDATE SKIP LOCKED: two processes never claim the same mail.
   */
  async claim(limit: number, leaseSeconds: number): Promise<ClaimedMail[]> {
    // For an UPDATE, TypeORM answers [rows, affected count].
    const [rows] = await this.dataSource.query<[Record<string, unknown>[], number]>(
      `UPDATE mail_outbox m
          SET status = 'sending', claimed_until = now() + make_interval(secs => $2), attempts = m.attempts + 1
        WHERE m.id IN (
          SELECT id FROM mail_outbox
           WHERE status IN ('queued', 'sending') AND next_attempt_at <= now()
             AND (status = 'queued' OR claimed_until < now())
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.to_address, m.subject, m.text_body, m.html_body, m.headers, m.attachments, m.message_id, m.attempts, m.notification_id`,
      [limit, leaseSeconds],
    );
    return rows.map((r) => ({
      id: r.id as string,
      toAddress: r.to_address as string,
      subject: r.subject as string,
      textBody: r.text_body as string,
      htmlBody: r.html_body as string,
      headers: r.headers as Record<string, string>,
      attachments: r.attachments as ClaimedMail['attachments'],
      messageId: r.message_id as string,
      attempts: r.attempts as number,
      notificationId: (r.notification_id as string | null) ?? null,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.manager.update(OutboxMail, { id, status: 'sending' }, { status: 'sent', sentAt: () => 'now()', claimedUntil: null, lastError: null });
  }

  /** Not sent: what it told of was seen in the app first. */
  async markCancelled(ids: string[]): Promise<void> {
    if (ids.length) await this.dataSource.manager.update(OutboxMail, { id: In(ids), status: 'sending' }, { status: 'cancelled', claimedUntil: null });
  }

  /** Back in the queue for a later attempt, or failed for good; keeps the server's answer. */
  async markAttemptFailed(id: string, error: string, retryInSeconds: number | null): Promise<void> {
    await this.dataSource.manager.update(
      OutboxMail,
      { id, status: 'sending' },
      retryInSeconds === null
        ? { status: 'failed', lastError: error, claimedUntil: null }
        : { status: 'queued', lastError: error, claimedUntil: null, nextAttemptAt: () => `now() + make_interval(secs => ${Number(retryInSeconds)})` },
    );
  }

  /** A failed mail queued again for now, with fresh attempts; false when it is not failed. */
  async requeue(id: string): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      OutboxMail,
      { id, status: In(['failed'] satisfies OutboxStatus[]) },
      { status: 'queued', attempts: 0, nextAttemptAt: () => 'now()', claimedUntil: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Who a mail went to and where a reply to it goes. */
  async replyTarget(id: string): Promise<Pick<OutboxMail, 'id' | 'userId' | 'toAddress' | 'context' | 'kind'> | null> {
    return this.dataSource.manager.findOne(OutboxMail, { where: { id }, select: { id: true, userId: true, toAddress: true, context: true, kind: true } });
  }

  async find(id: string): Promise<OutboxMail | null> {
    return this.dataSource.manager.findOneBy(OutboxMail, { id });
  }

  /** The latest first, optionally of one status, before a (createdAt, id) position. */
  async page(options: { status?: OutboxStatus; limit: number; before?: { at: Date; id: string }; userId?: string }): Promise<OutboxMail[]> {
    const qb = this.dataSource.manager.createQueryBuilder(OutboxMail, 'm').orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').limit(options.limit);
    if (options.status) qb.andWhere('m.status = :status', { status: options.status });
    if (options.userId) qb.andWhere('m.userId = :userId', { userId: options.userId });
    if (options.before) qb.andWhere('(m.createdAt, m.id) < (:at, :id)', options.before);
    return qb.getMany();
  }

  async figures(): Promise<OutboxFigures> {
    const [row] = await this.dataSource.query<{ queued: number; failed: number; oldest: number | null }[]>(
      `SELECT w.queued, w.oldest, (SELECT count(*)::int FROM mail_outbox WHERE status = 'failed') AS failed
         FROM (SELECT count(*)::int AS queued, extract(epoch FROM now() - min(created_at))::float8 AS oldest
                 FROM mail_outbox WHERE status IN ('queued', 'sending')) w`,
    );
    return { queued: row.queued, failed: row.failed, oldestQueuedAgeSeconds: row.oldest === null ? null : Math.round(row.oldest) };
  }

  /** When the user's last digest was written, or null. */
  async lastDigestAt(userId: string): Promise<Date | null> {
    const row = await this.dataSource.manager.findOne(OutboxMail, {
      where: { userId, kind: 'digest' },
      order: { createdAt: 'DESC' },
      select: { id: true, createdAt: true },
    });
    return row?.createdAt ?? null;
  }
}
