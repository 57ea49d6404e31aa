import { Entity } from 'typeorm';
import {
  TextColumn,
  LocalizedTextColumn,
  OptionalLocalizedTextColumn,
  ListColumn,
  NullableNumericColumn,
  BooleanColumn,
  IntegerColumn,
} from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import type { Aggregation, Direction, IndicatorCategory, Unit } from '../catalogue';
import type { PeriodType } from '../../shared/periods';

/** A green-job or eco-industrial-park social indicator of the catalogue. */
@Entity('indicators')
export class Indicator extends Authored {
  /** Never changes once the indicator has observations (imports and exports name indicators by code). */
  @TextColumn({ unique: true })
  code: string;

  @TextColumn()
  category: IndicatorCategory;

  @TextColumn()
  dimension: string;

  @LocalizedTextColumn()
  name: LocalizedText;

  @OptionalLocalizedTextColumn()
  definition: LocalizedText;

  @TextColumn()
  unit: Unit;

  @TextColumn()
  direction: Direction;

  @TextColumn()
  aggregation: Aggregation;

  /** Keys of DISAGGREGATIONS an observation may be broken down by, e.g. ['sex']. */
  @ListColumn('text')
  disaggregations: string[];

  @TextColumn({ default: '' })
  source: string;

  /** The source in Chinese ('' when not given; the catalogue's standard set has it). */
  @TextColumn({ default: '' })
  sourceZh: string;

  // Validation rules (admin-edited). numeric columns read back as text.

  /** A value below refuses it. */
  @NullableNumericColumn()
  minValue: string | null;

  /** A value above refuses it. */
  @NullableNumericColumn()
  maxValue: string | null;

  /** Robust z-score against the scope's own history above which a value is flagged; null: not checked. */
  @NullableNumericColumn()
  historyThreshold: string | null;

  /** Robust z-score against peer parks in the same period above which a value is flagged; null: not checked. */
  @NullableNumericColumn()
  peerThreshold: string | null;

  /** Whether values by sex are checked against the total (counts broken down by sex only). */
  @BooleanColumn(true)
  checkRelations: boolean;

  /** The reporting calendar: how often parks report, and how many days after a period ends the value is due. */
  @TextColumn({ default: 'year' })
  frequency: PeriodType;

  @IntegerColumn({ default: 30 })
  dueDays: number;
}
