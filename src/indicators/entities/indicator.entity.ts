import { Column, Entity } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import type { Aggregation, Direction, IndicatorCategory, Unit } from '../catalogue';

/** A green-job or eco-industrial-park social indicator of the catalogue. */
@Entity('indicators')
export class Indicator extends Authored {
  /** Never changes once the indicator has observations (imports and exports name indicators by code). */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  category: IndicatorCategory;

  @Column({ type: 'text' })
  dimension: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  definition: LocalizedText;

  @Column({ type: 'text' })
  unit: Unit;

  @Column({ type: 'text' })
  direction: Direction;

  @Column({ type: 'text' })
  aggregation: Aggregation;

  /** Keys of DISAGGREGATIONS an observation may be broken down by, e.g. ['sex']. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disaggregations: string[];

  @Column({ type: 'text', default: '' })
  source: string;
}
