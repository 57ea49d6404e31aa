import { Column, Entity } from 'typeorm';
import { NumberedRecord } from '../../common/entity-bases';

/** The audit record: who changed what, when, and how. Written in the same transaction as the change. */
@Entity('activity')
export class Activity extends NumberedRecord {
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  changes: Record<string, unknown>;
}
