import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { IndicatorScoped } from './indicator-scope';

/** A commitment (action item) is meant to move an indicator for a scope from a baseline to a target. */
@Entity('indicator_links')
export class IndicatorLink extends IndicatorScoped {
  @Column({ type: 'uuid' })
  actionItemId: string;

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
