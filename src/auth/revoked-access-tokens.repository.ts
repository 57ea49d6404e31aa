import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { RevokedAccessToken } from './entities/revoked-access-token.entity';

@Injectable()
export class RevokedAccessTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Denies the token until it expires; the entries already past their expiry are dropped on the way. */
  async revoke(jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.manager.delete(RevokedAccessToken, { expiresAt: LessThan(new Date()) });
    await this.dataSource.manager.upsert(RevokedAccessToken, { jti, expiresAt }, ['jti']);
  }

  async isRevoked(jti: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(RevokedAccessToken, { jti });
  }
}
