import { CreateDateColumn, PrimaryColumn } from 'typeorm';
import { NullableUuidColumn, References } from '../../common/columns';
import { User } from './user.entity';

/**
 * A person's place in a group (a roundtable's participants, a working group's members): keyed by the group, which
 * the entity adds, and the person; gone with the person's account.
 */
export abstract class Membership {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @References(() => User, 'user_id', { onDelete: 'CASCADE' })
  user: User;

  @NullableUuidColumn()
  addedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
