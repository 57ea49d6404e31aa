import { Column, Entity } from 'typeorm';
import { Numbered } from '../../common/entity-bases';

/** A message body as it was before an edit. */
@Entity('message_revisions')
export class MessageRevision extends Numbered {
  @Column({ type: 'uuid' })
  messageId: string;

  /** The body before this edit. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  editedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  editorId: string | null;
}
