import { Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import {
  IntegerColumn,
  LocalizedTextColumn,
  NullableReference,
  NullableTimestampColumn,
  NullableUuidColumn,
  TextColumn,
  UuidColumn,
} from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

export const MINUTES_STATUSES = ['draft', 'circulated', 'adopted', 'locked'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** Where a roundtable's minutes stand in their adoption; no row means draft. */
@Entity('roundtable_minutes')
export class MinutesRecord {
  @PrimaryColumn({ type: 'uuid' })
  roundtableId: string;

  @TextColumn({ default: 'draft' })
  status: MinutesStatus;

  /** Attendees may comment on the circulated minutes until then. */
  @NullableTimestampColumn()
  commentDeadline: Date | null;

  @NullableTimestampColumn()
  circulatedAt: Date | null;

  @NullableUuidColumn()
  circulatedById: string | null;

  @NullableReference(() => User, 'circulated_by_id')
  circulatedBy: User | null;

  @NullableTimestampColumn()
  adoptedAt: Date | null;

  @NullableUuidColumn()
  adoptedById: string | null;

  @NullableReference(() => User, 'adopted_by_id')
  adoptedBy: User | null;

  @NullableTimestampColumn()
  lockedAt: Date | null;

  @NullableUuidColumn()
  lockedById: string | null;

  @NullableReference(() => User, 'locked_by_id')
  lockedBy: User | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An attendee's comment on one agenda item's circulated minutes. */
@Entity('minutes_comments')
export class MinutesComment extends Recorded {
  @UuidColumn()
  roundtableId: string;

  @UuidColumn()
  agendaItemId: string;

  @NullableUuidColumn()
  authorId: string | null;

  @NullableReference(() => User, 'author_id')
  author: User | null;

  @TextColumn()
  text: string;
}

/** An attendee who objected to the minutes when they were adopted, with their statement. */
@Entity('minutes_objections')
export class MinutesObjection extends Recorded {
  @UuidColumn()
  roundtableId: string;

  @NullableUuidColumn()
  userId: string | null;

  @NullableReference(() => User, 'user_id')
  user: User | null;

  @TextColumn()
  statement: string;
}

/** A numbered correction to adopted minutes (1, 2, … per roundtable); the adopted text itself never changes. */
@Entity('minutes_corrigenda')
export class MinutesCorrigendum extends Recorded {
  @UuidColumn()
  roundtableId: string;

  @IntegerColumn()
  number: number;

  /** The agenda item whose minutes it corrects, or null for the minutes as a whole. */
  @NullableUuidColumn()
  agendaItemId: string | null;

  @LocalizedTextColumn()
  text: LocalizedText;

  @NullableUuidColumn()
  authorId: string | null;

  @NullableReference(() => User, 'author_id')
  author: User | null;
}
