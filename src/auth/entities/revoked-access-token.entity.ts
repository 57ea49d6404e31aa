import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An access token ended by a sign-out before it expired: refused until then, on every app process. */
@Entity('revoked_access_tokens')
export class RevokedAccessToken {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
