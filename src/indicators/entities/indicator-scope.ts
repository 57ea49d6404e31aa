import { UuidColumn, NullableUuidColumn, TextColumn, References } from '../../common/columns';
import { UuidKeyed } from '../../common/entity-bases';
import { Park } from '../../parks/entities/park.entity';
import type { ScopeType } from '../catalogue';
import { Indicator } from './indicator.entity';

/** One indicator for one scope and breakdown: what an observation measures and what a commitment's link targets. */
export abstract class IndicatorScoped extends UuidKeyed {
  @UuidColumn()
  indicatorId: string;

  @References(() => Indicator, 'indicator_id')
  indicator: Indicator;

  @TextColumn()
  scopeType: ScopeType;

  @NullableUuidColumn()
  parkId: string | null;

  @References(() => Park, 'park_id', { nullable: true })
  park: Park | null;

  /** '' for a park scope. */
  @TextColumn({ default: '' })
  province: string;

  /** '' unless a city scope. */
  @TextColumn({ default: '' })
  city: string;

  /** Canonical `key=value;…`, '' for the total. */
  @TextColumn({ default: '' })
  disaggregation: string;
}
