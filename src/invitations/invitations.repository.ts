import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Invitation } from './entities/invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: Pick<Invitation, 'email' | 'organizationId' | 'role' | 'tokenHash' | 'invitedById' | 'expiresAt'>): Promise<Invitation> {
    return tx.save(tx.create(Invitation, row));
  }

  /** With its organization (Invitation.organization). */
  async findWithOrganization(id: string): Promise<Invitation | null> {
    return this.dataSource.manager.findOne(Invitation, { where: { id }, relations: { organization: true } });
  }

  /** The latest invitations first, with their organizations. */
  async findLatest(limit: number): Promise<Invitation[]> {
    return this.dataSource.manager.find(Invitation, { relations: { organization: true }, order: { createdAt: 'DESC' }, take: limit });
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | null> {
    return this.dataSource.manager.findOne(Invitation, { where: { tokenHash }, relations: { organization: true } });
  }

  /** Locked until the end of the transaction, so that one invitation cannot be accepted twice. */
  async findByTokenHashForUpdate(tx: Tx, tokenHash: string): Promise<Invitation | null> {
    return tx.findOne(Invitation, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async findPending(id: string, tx: Tx = this.dataSource.manager): Promise<Invitation | null> {
    return tx.findOneBy(Invitation, { id, acceptedAt: IsNull(), revokedAt: IsNull() });
  }

  async markAccepted(tx: Tx, id: string, userId: string): Promise<void> {
    await tx.update(Invitation, { id }, { acceptedAt: new Date(), acceptedUserId: userId });
  }

  /** A new token and expiry (the previous link stops working). */
  async renew(tx: Tx, id: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await tx.update(Invitation, { id }, { tokenHash, expiresAt });
  }

  async markRevoked(tx: Tx, id: string): Promise<void> {
    await tx.update(Invitation, { id }, { revokedAt: new Date() });
  }
}
