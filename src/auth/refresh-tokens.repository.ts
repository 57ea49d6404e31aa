import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { RefreshToken } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<RefreshToken> {
    return tx.save(tx.create(RefreshToken, row));
  }

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<RefreshToken | null> {
    return tx.findOneBy(RefreshToken, { id });
  }

  /** The token, locked until the end of the transaction, so that two rotations of one token cannot both succeed. */
  async findByIdForUpdate(tx: Tx, id: string): Promise<RefreshToken | null> {
    return tx.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markRotated(tx: Tx, id: string, replacedById: string): Promise<void> {
    await tx.update(RefreshToken, { id }, { revokedAt: new Date(), replacedById });
  }

  async revokeFamily(tx: Tx, familyId: string): Promise<void> {
    await tx.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(tx: Tx, userId: string): Promise<void> {
    await tx.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
