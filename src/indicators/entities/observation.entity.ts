import {
  NullableUuidColumn,
  TextColumn,
  NullableTextColumn,
  TimestampColumn,
  NullableTimestampColumn,
  DateColumn,
  NumericColumn,
  BooleanColumn,
} from '../../common/columns';
import type { ObservationStatus } from '../catalogue';
import type { ValueWarning } from '../quality/warnings';
import { Column, Entity } from 'typeorm';
import { IndicatorScoped } from './indicator-scope';

/**
 * One value of one indicator for one scope, period and disaggregation. Never overwritten: a correction inserts a
 * new row and stamps this one superseded; the current value is the row with no supersededAt.
 */
@Entity('observations')
export class Observation extends IndicatorScoped {
  @TextColumn()
  period: string;

  @DateColumn()
  periodStart: string;

  @DateColumn()
  periodEnd: string;

  /** numeric: exact as reported; read back as text. */
  @NumericColumn()
  value: string;

  @TextColumn({ default: '' })
  source: string;

  @TextColumn({ default: '' })
  notes: string;

  @TextColumn({ default: 'submitted' })
  status: ObservationStatus;

  @NullableUuidColumn()
  reportedById: string | null;

  @TimestampColumn({ default: () => 'now()' })
  reportedAt: Date;

  @NullableUuidColumn()
  reviewedById: string | null;

  @NullableTimestampColumn()
  reviewedAt: Date | null;

  @NullableTextColumn()
  rejectionReason: string | null;

  @NullableUuidColumn()
  supersedesId: string | null;

  @NullableUuidColumn()
  supersededById: string | null;

  @NullableTimestampColumn()
  supersededAt: Date | null;

  /** The CSV import that brought this row, if any (its audit record has the same id). */
  @NullableUuidColumn()
  importId: string | null;

  /** Generated demonstration data, shown and exported as such. */
  @BooleanColumn(false)
  isDemo: boolean;

  /** What the validation rules flagged when the value came in; null when nothing. */
  @Column({ type: 'jsonb', nullable: true })
  warnings: ValueWarning[] | null;

  /** 'open' while a flagged value awaits a facilitator's confirmation or sending back. */
  @NullableTextColumn()
  followUp: 'open' | 'confirmed' | 'sent_back' | null;

  /** When the first version of this value came in (null: this row is the first). */
  @NullableTimestampColumn()
  firstReportedAt: Date | null;
}
