import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { UuidKeyed } from '../../common/entity-bases';
import { Park } from '../../parks/entities/park.entity';
import type { ScopeType } from '../catalogue';
import { Indicator } from './indicator.entity';

/** One indicator for one scope and breakdown: what an observation measures and what a commitment's link targets. */
export abstract class IndicatorScoped extends UuidKeyed {
  @Column({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator)
  @JoinColumn({ name: 'indicator_id' })
  indicator: Indicator;

  @Column({ type: 'text' })
  scopeType: ScopeType;

  @Column({ type: 'uuid', nullable: true })
  parkId: string | null;

  @ManyToOne(() => Park, { nullable: true })
  @JoinColumn({ name: 'park_id' })
  park: Park | null;

  /** '' for a park scope. */
  @Column({ type: 'text', default: '' })
  province: string;

  /** '' unless a city scope. */
  @Column({ type: 'text', default: '' })
  city: string;

  /** Canonical `key=value;…`, '' for the total. */
  @Column({ type: 'text', default: '' })
  disaggregation: string;
}
