import { Entity } from 'typeorm';
import {
  TextColumn,
  NullableTextColumn,
  TimestampColumn,
  BooleanColumn,
  LocalizedTextColumn,
  OptionalLocalizedTextColumn,
  NullableReference,
  IntegerColumn,
  NullableTimestampColumn,
  NullableUuidColumn,
} from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import { ROUNDTABLE_STATUSES, ROUNDTABLE_VISIBILITIES, type RoundtableStatus, type RoundtableVisibility } from '../../shared/enums';

export { ROUNDTABLE_STATUSES, ROUNDTABLE_VISIBILITIES, type RoundtableStatus, type RoundtableVisibility };

/** A dialogue meeting between the constituents. */
@Entity('roundtables')
export class Roundtable extends Authored {
  @LocalizedTextColumn()
  title: LocalizedText;

  @OptionalLocalizedTextColumn()
  description: LocalizedText;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  /** The venue's IANA time zone (e.g. Asia/Shanghai): times are entered and shown in it. */
  @TextColumn({ default: 'UTC' })
  timeZone: string;

  @NullableTextColumn()
  locationCity: string | null;

  @NullableTextColumn()
  locationVenue: string | null;

  @BooleanColumn(false)
  locationOnline: boolean;

  @NullableTextColumn()
  locationUrl: string | null;

  @TextColumn({ default: 'planned' })
  status: RoundtableStatus;

  @TextColumn()
  visibility: RoundtableVisibility;

  /** The iCalendar SEQUENCE: raised each time the time or place changes. */
  @IntegerColumn({ default: 0 })
  calendarSequence: number;

  @NullableReference(() => User, 'created_by_id')
  createdBy: User | null;

  /** When its agenda was last circulated to those taking part (null: never), and by whom. */
  @NullableTimestampColumn()
  agendaCirculatedAt: Date | null;

  @NullableUuidColumn()
  agendaCirculatedById: string | null;
}
