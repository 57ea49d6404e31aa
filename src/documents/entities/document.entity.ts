import { Entity } from 'typeorm';
import { IntegerColumn, NullableReference, NullableUuidColumn, TextColumn, UuidColumn } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import { User } from '../../users/entities/user.entity';

/** What a document can be attached to: a roundtable or one of its agenda items or decisions, a working group, a
 * commitment (action item), or a discussion channel (a file a message refers to). */
export const DOCUMENT_TARGETS = ['roundtable', 'agenda_item', 'decision', 'working_group', 'action_item', 'channel'] as const;
export type DocumentTarget = (typeof DOCUMENT_TARGETS)[number];

/** A file attached to something, under the name of its latest version; every version is kept (DocumentVersion). */
@Entity('documents')
export class Document extends Authored {
  @TextColumn()
  targetType: DocumentTarget;

  @UuidColumn()
  targetId: string;

  /** The roundtable it belongs under (itself, or that of the agenda item or decision), for the roundtable's record. */
  @NullableUuidColumn()
  roundtableId: string | null;

  /** For a file uploaded to a channel: the message that carries it, once sent (at most one). */
  @NullableUuidColumn()
  messageId: string | null;

  @TextColumn()
  name: string;

  @IntegerColumn({ default: 1 })
  currentVersion: number;

  @NullableReference(() => User, 'created_by_id')
  createdBy: User | null;
}
