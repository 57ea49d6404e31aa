import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, TimestampColumn } from '../../common/columns';
import { Numbered } from '../../common/entity-bases';

/** A message body as it was before an edit. */
@Entity('message_revisions')
export class MessageRevision extends Numbered {
  @UuidColumn()
  messageId: string;

  /** The body before this edit. */
  @TextColumn()
  body: string;

  @TimestampColumn({ default: () => 'now()' })
  editedAt: Date;

  @NullableUuidColumn()
  editorId: string | null;
}
