import { Entity } from 'typeorm';
import {
  UuidColumn,
  NullableUuidColumn,
  NullableTextColumn,
  NullableTimestampColumn,
  IntegerColumn,
  LocalizedTextColumn,
  NullableReference,
} from '../../common/columns';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

/** One point of a roundtable's agenda; positions are dense (0..n-1) within the roundtable. */
@Entity('roundtable_agenda_items')
export class AgendaItem extends Timestamped {
  @UuidColumn()
  roundtableId: string;

  @IntegerColumn()
  position: number;

  @LocalizedTextColumn()
  title: LocalizedText;

  @NullableUuidColumn()
  presenterId: string | null;

  @NullableReference(() => User, 'presenter_id')
  presenter: User | null;

  /** A presenter who has no account on the platform. */
  @NullableTextColumn()
  presenterName: string | null;

  @NullableTimestampColumn()
  startsAt: Date | null;

  @NullableTimestampColumn()
  endsAt: Date | null;
}
