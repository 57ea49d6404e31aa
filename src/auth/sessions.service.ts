import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/unit-of-work';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Sessions as other modules see them: the users module ends a deactivated user's sessions through it. */
@Injectable()
export class SessionsService {
  constructor(private readonly refreshTokens: RefreshTokensRepository) {}

  /** Revokes every refresh token of the user, inside the caller's transaction. */
  async revokeAllOf(tx: Tx, userId: string): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(tx, userId);
  }
}
