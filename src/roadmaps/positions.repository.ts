import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { queryPrepared } from '../database/prepared';
import type { LocalizedText } from '../common/localized-text';
import { Organization } from '../organizations/entities/organization.entity';
import type { Constituency, Stance } from '../shared/enums';
import { ConstituencyPosition } from './entities/constituency-position.entity';

interface PositionRow {
  id: string;
  organization_id: string;
  stance: Stance;
  statement: string;
  author_id: string | null;
  created_at: Date;
  superseded_at: Date | null;
  name: LocalizedText;
  constituency: Constituency;
  region: string | null;
  organization_created_at: Date;
  organization_updated_at: Date;
}

/** Where each organization stands on a commitment; a position is read with its organization (ConstituencyPosition.organization). */
@Injectable()
export class PositionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The item's current positions, oldest first. */
  currentWithOrganizations(itemId: string): Promise<ConstituencyPosition[]> {
    return this.withOrganizations('positions_current', 'p.superseded_at IS NULL ORDER BY p.created_at ASC', itemId);
  }

  /** Every position the item ever had, newest first. */
  historyWithOrganizations(itemId: string): Promise<ConstituencyPosition[]> {
    return this.withOrganizations('positions_history', 'true ORDER BY p.created_at DESC', itemId);
  }

  /** Read on every commitment page: a prepared statement each, and plain rows made into the entities. */
  private async withOrganizations(name: string, rest: string, itemId: string): Promise<ConstituencyPosition[]> {
    const rows = await queryPrepared<PositionRow>(
      this.dataSource,
      name,
      `SELECT p.id, p.organization_id, p.stance, p.statement, p.author_id, p.created_at, p.superseded_at,
              o.name, o.constituency, o.region, o.created_at AS organization_created_at, o.updated_at AS organization_updated_at
         FROM constituency_positions p JOIN organizations o ON o.id = p.organization_id
        WHERE p.action_item_id = $1 AND ${rest}`,
      [itemId],
    );
    return rows.map((r) =>
      Object.assign(new ConstituencyPosition(), {
        id: r.id,
        actionItemId: itemId,
        organizationId: r.organization_id,
        organization: Object.assign(new Organization(), {
          id: r.organization_id,
          name: r.name,
          constituency: r.constituency,
          region: r.region,
          createdAt: r.organization_created_at,
          updatedAt: r.organization_updated_at,
        }),
        stance: r.stance,
        statement: r.statement,
        authorId: r.author_id,
        createdAt: r.created_at,
        supersededAt: r.superseded_at,
      }),
    );
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
