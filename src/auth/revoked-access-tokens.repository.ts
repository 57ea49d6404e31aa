import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import { RevokedAccessToken } from './entities/revoked-access-token.entity';

@Injectable()
export class RevokedAccessTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Denies the token until it expires; the entries already past their expiry are dropped on the way. */
  async revoke(jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.manager.delete(RevokedAccessToken, { expiresAt: LessThan(new Date()) });
    await this.dataSource.manager.upsert(RevokedAccessToken, { jti, expiresAt }, ['jti']);
  }

  /** Asked on every authenticated request, so a prepared statement of its own. */
  async isRevoked(jti: string): Promise<boolean> {
    return (await queryPrepared(this.dataSource, 'access_token_revoked', 'SELECT 1 FROM revoked_access_tokens WHERE jti = $1', [jti])).length > 0;
  }
}
