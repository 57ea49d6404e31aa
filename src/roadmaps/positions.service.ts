import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound, orNotFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { ActionItemsService, toPositionView } from './action-items.service';
import { CommitmentEvents } from './commitment-events';
import { ActionItemDetailView, PositionView, StatePositionDto } from './dto/roadmap.dto';
import { ActionItemsRepository } from './action-items.repository';
import type { ConstituencyPosition } from './entities/constituency-position.entity';
import { PositionsRepository } from './positions.repository';

/** Where each organization stands on a commitment. A member speaks only for their own organization. */
@Injectable()
export class PositionsService {
  constructor(
    private readonly positions: PositionsRepository,
    private readonly items: ActionItemsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly actionItems: ActionItemsService,
    private readonly events: CommitmentEvents,
  ) {}

  private async toViews(rows: ConstituencyPosition[]): Promise<PositionView[]> {
    const [authors, translations] = await Promise.all([
      this.actionItems.authorNames(rows.map((r) => r.authorId)),
      this.actionItems.translationsOf(
        'position',
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((p) => toPositionView(p, authors, translations));
  }

  async current(id: string): Promise<{ items: PositionView[] }> {
    return { items: await this.toViews(await this.ofExisting(id, this.positions.currentWithOrganizations(id))) };
  }

  async history(id: string): Promise<{ items: PositionView[] }> {
    return { items: await this.toViews(await this.ofExisting(id, this.positions.historyWithOrganizations(id))) };
  }

  /** The positions read, once the commitment is known to exist (read at the same time); 404 when it does not. */
  private async ofExisting(id: string, read: Promise<ConstituencyPosition[]>): Promise<ConstituencyPosition[]> {
    const [exists, rows] = await Promise.all([this.actionItems.exists(id), read]);
    if (!exists) throw notFound('Action item');
    return rows;
  }

  /** States (or changes) the position of the user's own organization; the previous one stays in history. */
  async state(user: AuthUser, id: string, dto: StatePositionDto): Promise<ActionItemDetailView> {
    if (user.role === 'observer') throw forbidden('Observers cannot state positions');
    const outcome = await this.unitOfWork.run(async (tx) => {
      const item = orNotFound(await this.items.findByIdForUpdate(tx, id), 'Action item');
      const previous = await this.positions.findCurrent(tx, id, user.organizationId);
      const statement = dto.statement?.trim() ?? '';
      if (previous && previous.stance === dto.stance && previous.statement === statement) return { item, previous, changed: false };
      if (previous) await this.positions.supersede(tx, previous.id);
      await this.positions.insert(tx, [
        {
          actionItemId: id,
          organizationId: user.organizationId,
          stance: dto.stance,
          statement,
          authorId: user.id,
        },
      ]);
      await this.activity.record(tx, {
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
      await this.events.notifyPositionStated(tx, user, item, dto.stance);
      return { item, previous, changed: true };
    });
    const detail = await this.actionItems.get(user, id);
    if (outcome.changed) await this.events.positionStated(user, outcome.item, detail);
    return detail;
  }
}
