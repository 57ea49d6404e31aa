import { Entity } from 'typeorm';
import { TextColumn, LocalizedTextColumn, OptionalLocalizedTextColumn, ListColumn } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import type { Aggregation, Direction, IndicatorCategory, Unit } from '../catalogue';

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
}
