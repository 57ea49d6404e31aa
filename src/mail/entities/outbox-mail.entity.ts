import { Column, Entity } from 'typeorm';
import {
  IntegerColumn,
  JsonObjectColumn,
  NullableTextColumn,
  NullableTimestampColumn,
  NullableUuidColumn,
  TextColumn,
  TimestampColumn,
} from '../../common/columns';
import { Recorded } from '../../common/entity-bases';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
  /** For text/calendar: the iTIP method, also sent as an alternative body part so calendars act on it. */
  method?: string;
}

/** One mail, written in the transaction of the change that causes it and delivered later by the mail worker. */
@Entity('mail_outbox')
export class OutboxMail extends Recorded {
  @TextColumn()
  kind: string;

  @NullableUuidColumn()
  userId: string | null;

  @TextColumn()
  toAddress: string;

  @TextColumn()
  subject: string;

  @TextColumn()
  textBody: string;

  @TextColumn()
  htmlBody: string;

  @JsonObjectColumn()
  headers: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  attachments: MailAttachment[];

  /** The Message-ID header, without angle brackets; the same on every delivery attempt. */
  @TextColumn({ unique: true })
  messageId: string;

  /** A key that makes a mail written at most once (a day's digest). */
  @NullableTextColumn()
  dedupeKey: string | null;

  /** The in-app notification this mail tells of: not sent once that is read. */
  @NullableUuidColumn()
  notificationId: string | null;

  /** Where a reply by mail goes (channelId, parentId), for the mails that take replies. */
  @JsonObjectColumn()
  context: Record<string, string>;

  @TextColumn({ default: 'queued' })
  status: OutboxStatus;

  @IntegerColumn({ default: 0 })
  attempts: number;

  @TimestampColumn()
  nextAttemptAt: Date;

  @NullableTimestampColumn()
  claimedUntil: Date | null;

  /** The SMTP server's answer (or the connection error) of the last failed attempt. */
  @NullableTextColumn()
  lastError: string | null;

  @NullableTimestampColumn()
  sentAt: Date | null;
}
