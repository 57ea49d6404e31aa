import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';

export const WORKING_GROUP_STATUSES = ['active', 'closed'] as const;
export type WorkingGroupStatus = (typeof WORKING_GROUP_STATUSES)[number];

/** A standing group, often formed by a roundtable, that carries work between meetings. */
@Entity('working_groups')
export class WorkingGroup extends Authored {
  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'jsonb' })
  mandate: LocalizedText;

  @Column({ type: 'uuid' })
  chairId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_id' })
  chair: User;

  @Column({ type: 'uuid', nullable: true })
  formedByRoundtableId: string | null;

  @Column({ type: 'text', default: 'active' })
  status: WorkingGroupStatus;
}
