import { CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidColumn, NullableUuidColumn, DateColumn, NumericColumn } from '../../common/columns';
import { IndicatorScoped } from './indicator-scope';

/** A commitment (action item) is meant to move an indicator for a scope from a baseline to a target. */
@Entity('indicator_links')
export class IndicatorLink extends IndicatorScoped {
  @UuidColumn()
  actionItemId: string;

  @NumericColumn()
  baselineValue: string;

  @DateColumn()
  baselineDate: string;

  @NumericColumn()
  targetValue: string;

  @DateColumn()
  targetDate: string;

  @NullableUuidColumn()
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
