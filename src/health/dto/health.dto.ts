import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../common/decorators';

export class MailQueueHealth {
  /** Mails waiting to be delivered. */
  @ApiInteger()
  queued: number;

  /** Mails that failed for good (see the admin outbox). */
  @ApiInteger()
  failed: number;

  /** Age of the oldest mail waiting, in seconds; null when none waits. */
  @ApiProperty({ type: 'integer', nullable: true })
  oldestQueuedAgeSeconds: number | null;
}

export class HealthView {
  /** @example "ok" */
  status: string;
  /** @example "up" */
  database: string;
  databaseLatencyMs: number;

  @ApiInteger()
  uptimeSeconds: number;

  mail: MailQueueHealth;
}
