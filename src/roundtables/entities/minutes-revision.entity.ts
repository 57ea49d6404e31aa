import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, IntegerColumn, LocalizedTextColumn, NullableReference } from '../../common/columns';
import { NumberedRecord } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

/** Every version of an agenda item's minutes; the highest revision is the current text. */
@Entity('agenda_minutes_revisions')
export class MinutesRevision extends NumberedRecord {
  @UuidColumn()
  agendaItemId: string;

  @IntegerColumn()
  revision: number;

  @LocalizedTextColumn()
  text: LocalizedText;

  @NullableUuidColumn()
  authorId: string | null;

  @NullableReference(() => User, 'author_id')
  author: User | null;
}
