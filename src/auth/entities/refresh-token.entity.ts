import { Column, Entity } from 'typeorm';
import { Recorded } from '../../common/entity-bases';

/**
 * One refresh token. Tokens of one sign-in share a family; each use rotates the token (the old one is revoked and
 * points at its replacement). Presenting a revoked token again revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken extends Recorded {
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  familyId: string;

  /** sha256 of the secret part; the secret itself is never stored. */
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;
}
