import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, LocalizedTextColumn, References } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import { WORKING_GROUP_STATUSES, type WorkingGroupStatus } from '../../shared/enums';

export { WORKING_GROUP_STATUSES, type WorkingGroupStatus };

/** A standing group, often formed by a roundtable, that carries work between meetings. */
@Entity('working_groups')
export class WorkingGroup extends Authored {
  @LocalizedTextColumn()
  name: LocalizedText;

  @LocalizedTextColumn()
  mandate: LocalizedText;

  @UuidColumn()
  chairId: string;

  @References(() => User, 'chair_id', { onDelete: 'RESTRICT' })
  chair: User;

  @NullableUuidColumn()
  formedByRoundtableId: string | null;

  @TextColumn({ default: 'active' })
  status: WorkingGroupStatus;
}
