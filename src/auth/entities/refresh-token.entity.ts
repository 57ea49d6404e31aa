import { Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, TimestampColumn, NullableTimestampColumn } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';

/**
 * One refresh token. Tokens of one sign-in share a family; each use rotates the token (the old one is revoked and
 * points at its replacement). Presenting a revoked token again revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken extends Recorded {
  @UuidColumn()
  userId: string;

  @UuidColumn()
  familyId: string;

  /** sha256 of the secret part; the secret itself is never stored. */
  @TextColumn()
  tokenHash: string;

  @TimestampColumn()
  expiresAt: Date;

  @NullableTimestampColumn()
  revokedAt: Date | null;

  @NullableUuidColumn()
  replacedById: string | null;
}
