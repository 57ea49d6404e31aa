import { Entity } from 'typeorm';
import { UuidColumn, TextColumn, NullableTimestampColumn, JsonObjectColumn } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';

/** Something a user should look at (a mention, or a domain event that concerns them). */
@Entity('notifications')
export class Notification extends Recorded {
  @UuidColumn()
  userId: string;

  @TextColumn()
  kind: string;

  @JsonObjectColumn()
  payload: Record<string, unknown>;

  @NullableTimestampColumn()
  readAt: Date | null;
}
