import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Park } from '../../parks/entities/park.entity';
import type { ScopeType } from '../catalogue';
import { Indicator } from './indicator.entity';

/** A commitment (action item) is meant to move an indicator for a scope from a baseline to a target. */
@Entity('indicator_links')
export class IndicatorLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionItemId: string;

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

  @Column({ type: 'text', default: '' })
  province: string;

  @Column({ type: 'text', default: '' })
  city: string;

  @Column({ type: 'text', default: '' })
  disaggregation: string;

  @Column({ type: 'numeric' })
  baselineValue: string;

  @Column({ type: 'date' })
  baselineDate: string;

  @Column({ type: 'numeric' })
  targetValue: string;

  @Column({ type: 'date' })
  targetDate: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
