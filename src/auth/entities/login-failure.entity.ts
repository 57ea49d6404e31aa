import { Column, Entity } from 'typeorm';
import { NumberedRecord } from '../../common/entity-bases';

/** A failed sign-in, kept for throttling across app processes. */
@Entity('login_failures')
export class LoginFailure extends NumberedRecord {
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  ip: string;
}
