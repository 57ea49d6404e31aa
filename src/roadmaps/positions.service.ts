import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/errors';
import { toOrganizationView } from '../organizations/organizations.service';
import { ActionItemsService } from './action-items.service';
import { CommitmentEvents } from './commitment-events';
import { ActionItemDetailView, PositionView, StatePositionDto } from './dto/roadmap.dto';
import { ActionItem } from './entities/action-item.entity';
import { ConstituencyPosition } from './entities/constituency-position.entity';

/** Where each organization stands on a commitment. A member speaks only for their own organization. */
@Injectable()
export class PositionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
    private readonly actionItems: ActionItemsService,
    private readonly events: CommitmentEvents,
  ) {}

  private async toViews(rows: ConstituencyPosition[]): Promise<PositionView[]> {
    const authors = await this.actionItems.authorNames(rows.map((r) => r.authorId));
    return rows.map((p) => ({
      id: p.id,
      organization: toOrganizationView(p.organization),
      stance: p.stance,
      statement: p.statement,
      author: p.authorId ? { id: p.authorId, displayName: authors.get(p.authorId) ?? '' } : null,
      createdAt: p.createdAt.toISOString(),
      supersededAt: p.supersededAt ? p.supersededAt.toISOString() : null,
    }));
  }

  async current(id: string): Promise<{ items: PositionView[] }> {
    await this.actionItems.find(id);
    const rows = await this.dataSource.getRepository(ConstituencyPosition).find({
      where: { actionItemId: id, supersededAt: IsNull() },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    return { items: await this.toViews(rows) };
  }

  async history(id: string): Promise<{ items: PositionView[] }> {
    await this.actionItems.find(id);
    const rows = await this.dataSource.getRepository(ConstituencyPosition).find({
      where: { actionItemId: id },
      relations: { organization: true },
      order: { createdAt: 'DESC' },
    });
    return { items: await this.toViews(rows) };
  }

  /** States (or changes) the position of the user's own organization; the previous one stays in history. */
  async state(user: AuthUser, id: string, dto: StatePositionDto): Promise<ActionItemDetailView> {
    if (user.role === 'observer') throw forbidden('Observers cannot state positions');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(ActionItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw notFound('Action item');
      const previous = await manager.findOneBy(ConstituencyPosition, { actionItemId: id, organizationId: user.organizationId, supersededAt: IsNull() });
      const statement = dto.statement?.trim() ?? '';
      if (previous && previous.stance === dto.stance && previous.statement === statement) return { item, previous, changed: false };
      if (previous) await manager.update(ConstituencyPosition, { id: previous.id }, { supersededAt: new Date() });
      await manager.insert(ConstituencyPosition, {
        actionItemId: id,
        organizationId: user.organizationId,
        stance: dto.stance,
        statement,
        authorId: user.id,
      });
      await this.activity.record(manager, {
        actorId: user.id,
        action: 'position.stated',
        entityType: 'action_item',
        entityId: id,
        changes: {
          organizationId: user.organizationId,
          stance: { from: previous?.stance ?? null, to: dto.stance },
          statement,
        },
      });
      return { item, previous, changed: true };
    });
    const detail = await this.actionItems.get(user, id);
    if (outcome.changed) await this.events.positionStated(user, outcome.item, dto.stance, detail);
    return detail;
  }
}
