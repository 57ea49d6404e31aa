import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsTimeZone, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../common/decorators';
import { PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';
import { MAIL_KINDS, MAIL_MODES, type MailKind, type MailMode } from '../../shared/mail-kinds';
import { OUTBOX_STATUSES, type OutboxStatus } from '../entities/outbox-mail.entity';

export class MailKindPreference {
  @ApiProperty({ enum: MAIL_KINDS })
  @IsIn(MAIL_KINDS, { message: `kind must be one of ${MAIL_KINDS.join(', ')}` })
  kind: MailKind;

  /** immediate: mailed at once; digest: only in the daily digest; never: not mailed. */
  @ApiProperty({ enum: MAIL_MODES })
  @IsIn(MAIL_MODES, { message: `mode must be one of ${MAIL_MODES.join(', ')}` })
  mode: MailMode;
}

export class MailPreferencesView {
  /** The IANA time zone the digest hour is in. @example "Asia/Shanghai" */
  timeZone: string;

  /** The hour (0–23) the daily digest is mailed at; null: no digest. */
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 23 })
  digestHour: number | null;

  @ApiProperty({ type: [MailKindPreference] })
  kinds: MailKindPreference[];
}

export class MailPreferencesDto {
  /** @example "Asia/Shanghai" */
  @Omittable()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Shanghai' })
  timeZone?: string;

  /** 0–23, or null for no digest. */
  @ApiProperty({ type: 'integer', nullable: true, required: false, minimum: 0, maximum: 23 })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsInt({ message: 'digestHour must be an hour from 0 to 23, or null' })
  @Min(0, { message: 'digestHour must be an hour from 0 to 23, or null' })
  @Max(23, { message: 'digestHour must be an hour from 0 to 23, or null' })
  digestHour?: number | null;

  @ApiProperty({ type: [MailKindPreference], required: false })
  @Omittable()
  @IsArray({ message: 'kinds must be an array of { kind, mode }' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MailKindPreference)
  kinds?: MailKindPreference[];
}

export class OutboxQuery extends PageQuery {
  @ApiProperty({ enum: OUTBOX_STATUSES, required: false })
  @Omittable()
  @IsIn(OUTBOX_STATUSES, { message: `status must be one of ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;
}

export class OutboxAttachmentView {
  filename: string;
  contentType: string;
}

export class OutboxMailView {
  id: string;
  /** What the mail is: invitation, roundtable.invitation, notification.mention, digest, … */
  kind: string;
  to: string;
  subject: string;
  @ApiProperty({ enum: OUTBOX_STATUSES })
  status: OutboxStatus;
  @ApiInteger()
  attempts: number;
  /** The SMTP server's answer (or the connection error) of the last failed attempt. */
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
  messageId: string;
  createdAt: string;
  nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true })
  sentAt: string | null;
  /** The plain-text part (one mail only). */
  text?: string;
  @ApiProperty({ type: [OutboxAttachmentView], required: false })
  attachments?: OutboxAttachmentView[];
}

export class OutboxPage {
  @ApiProperty({ type: [OutboxMailView] })
  items: OutboxMailView[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
  /** Mails waiting (queued, or being sent). */
  @ApiInteger()
  queued: number;
  @ApiInteger()
  failed: number;
  /** Age of the oldest mail waiting, in seconds; null when none waits. */
  @ApiProperty({ type: 'integer', nullable: true })
  oldestQueuedAgeSeconds: number | null;
  /** False when no SMTP server is configured: mails stay queued here. */
  delivering: boolean;
}

export class UnsubscribeTokenParam {
  /** The signed token of the mail's unsubscribe link. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,64}$/, { message: 'token is malformed' })
  token: string;
}
