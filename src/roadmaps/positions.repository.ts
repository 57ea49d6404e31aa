import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { ConstituencyPosition } from './entities/constituency-position.entity';

/** Where each organization stands on a commitment; a position is read with its organization (ConstituencyPosition.organization). */
@Injectable()
export class PositionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The item's current positions, oldest first. */
  async currentWithOrganizations(itemId: string): Promise<ConstituencyPosition[]> {
    return this.dataSource.manager.find(ConstituencyPosition, {
      where: { actionItemId: itemId, supersededAt: IsNull() },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Every position the item ever had, newest first. */
  async historyWithOrganizations(itemId: string): Promise<ConstituencyPosition[]> {
    return this.dataSource.manager.find(ConstituencyPosition, {
      where: { actionItemId: itemId },
      relations: { organization: true },
      order: { createdAt: 'DESC' },
    });
  }

  /** Current positions of many items. */
  async currentOf(itemIds: string[], tx: Tx = this.dataSource.manager): Promise<ConstituencyPosition[]> {
    if (!itemIds.length) return [];
    return tx.find(ConstituencyPosition, { where: { actionItemId: In(itemIds), supersededAt: IsNull() } });
  }

  async findCurrent(tx: Tx, itemId: string, organizationId: string): Promise<ConstituencyPosition | null> {
    return tx.findOneBy(ConstituencyPosition, { actionItemId: itemId, organizationId, supersededAt: IsNull() });
  }

  async supersede(tx: Tx, positionId: string): Promise<void> {
    await tx.update(ConstituencyPosition, { id: positionId }, { supersededAt: new Date() });
  }

  async insert(tx: Tx, rows: Pick<ConstituencyPosition, 'actionItemId' | 'organizationId' | 'stance' | 'statement' | 'authorId'>[]): Promise<void> {
    if (rows.length) await tx.insert(ConstituencyPosition, rows);
  }
}
