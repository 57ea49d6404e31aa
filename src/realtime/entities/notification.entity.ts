import { Column, Entity } from 'typeorm';
import { Recorded } from '../../common/entity-bases';

/** Something a user should look at (a mention, or a domain event that concerns them). */
@Entity('notifications')
export class Notification extends Recorded {
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
