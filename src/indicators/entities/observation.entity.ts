import { Column, Entity } from 'typeorm';
import type { ObservationStatus } from '../catalogue';
import { IndicatorScoped } from './indicator-scope';

/**
 * One value of one indicator for one scope, period and disaggregation. Never overwritten: a correction inserts a
 * new row and stamps this one superseded; the current value is the row with no supersededAt.
 */
@Entity('observations')
export class Observation extends IndicatorScoped {
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** numeric: exact as reported; read back as text. */
  @Column({ type: 'numeric' })
  value: string;

  @Column({ type: 'text', default: '' })
  source: string;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'text', default: 'submitted' })
  status: ObservationStatus;

  @Column({ type: 'uuid', nullable: true })
  reportedById: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersededById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** The CSV import that brought this row, if any (its audit record has the same id). */
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;

  /** Generated demonstration data, shown and exported as such. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;
}
