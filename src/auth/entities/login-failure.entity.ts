import { Entity } from 'typeorm';
import { TextColumn } from '../../common/columns';
import { NumberedRecord } from '../../common/entity-bases';

/** A failed sign-in, kept for throttling across app processes. */
@Entity('login_failures')
export class LoginFailure extends NumberedRecord {
  @TextColumn()
  email: string;

  @TextColumn()
  ip: string;
}
