import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import { WORKING_GROUP_STATUSES, type WorkingGroupStatus } from '../../shared/enums';

export { WORKING_GROUP_STATUSES, type WorkingGroupStatus };

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
