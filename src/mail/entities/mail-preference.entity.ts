import { Entity, PrimaryColumn } from 'typeorm';
import { TextColumn, TimestampColumn } from '../../common/columns';
import type { MailMode } from '../../shared/mail-kinds';

/** A person's choice for one kind of mail; a kind without a row is mailed at once. */
@Entity('mail_preferences')
export class MailPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @TextColumn()
  mode: MailMode;

  @TimestampColumn({ default: () => 'now()' })
  updatedAt: Date;
}
