import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An address an account signed in from: the account-wide lockout does not apply there (its owner's own places). */
@Entity('login_addresses')
export class LoginAddress {
  @PrimaryColumn({ type: 'text' })
  email: string;

  @PrimaryColumn({ type: 'text' })
  ip: string;

  @Column({ type: 'timestamptz' })
  lastSuccessAt: Date;
}
