import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { User } from '../users/entities/user.entity';
import { AgendaItemView, CreateAgendaItemDto, MinutesDto, MinutesView, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { MinutesRevision } from './entities/minutes-revision.entity';
import { RoundtablesService } from './roundtables.service';
import { toAgendaItemView, toMinutesView } from './views';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function checkSlot(startsAt: Date | null, endsAt: Date | null) {
  if (endsAt && !startsAt) throw badRequest('endsAt', 'endsAt needs startsAt');
  if (endsAt && startsAt && endsAt <= startsAt) throw badRequest('endsAt', 'endsAt must be after startsAt');
}

/** The ordered agenda of a roundtable and the minutes kept against each item. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
  ) {}

  /** The latest minutes revision of each item. */
  private async currentMinutes(manager: EntityManager, itemIds: string[]): Promise<Map<string, MinutesRevision>> {
    if (!itemIds.length) return new Map();
    const rows = await manager
      .createQueryBuilder(MinutesRevision, 'm')
      .leftJoinAndSelect('m.author', 'a')
      .distinctOn(['m.agenda_item_id'])
      .where('m.agenda_item_id IN (:...itemIds)', { itemIds })
      .orderBy('m.agenda_item_id')
      .addOrderBy('m.revision', 'DESC')
      .getMany();
    return new Map(rows.map((m) => [m.agendaItemId, m]));
  }

  private async views(manager: EntityManager, roundtableId: string): Promise<AgendaItemView[]> {
    const items = await manager.find(AgendaItem, { where: { roundtableId }, relations: { presenter: true }, order: { position: 'ASC' } });
    const minutes = await this.currentMinutes(manager, items.map((i) => i.id));
    return items.map((item) => toAgendaItemView(item, minutes.get(item.id) ?? null));
  }

  private async view(itemId: string): Promise<AgendaItemView> {
    const manager = this.dataSource.manager;
    const item = await manager.findOneOrFail(AgendaItem, { where: { id: itemId }, relations: { presenter: true } });
    const minutes = await this.currentMinutes(manager, [itemId]);
    return toAgendaItemView(item, minutes.get(itemId) ?? null);
  }

  private async findItem(manager: EntityManager, roundtableId: string, itemId: string): Promise<AgendaItem> {
    const item = await manager.findOneBy(AgendaItem, { id: itemId, roundtableId });
    if (!item) throw notFound('Agenda item');
    return item;
  }

  private async checkPresenter(manager: EntityManager, presenterId: string | null | undefined) {
    if (presenterId && !(await manager.existsBy(User, { id: presenterId }))) {
      throw badRequest('presenterId', 'presenterId does not name an existing user');
    }
  }

  /** Moves the items in [from, to] (to null: to the end) by delta; the deferred unique constraint tolerates the overlap until commit. */
  private async shift(manager: EntityManager, roundtableId: string, from: number, to: number | null, delta: 1 | -1) {
    const qb = manager
      .createQueryBuilder()
      .update(AgendaItem)
      .set({ position: () => `position + ${delta}` })
      .where('roundtable_id = :roundtableId AND position >= :from', { roundtableId, from });
    if (to !== null) qb.andWhere('position <= :to', { to });
    await qb.execute();
  }

  async list(user: AuthUser, id: string): Promise<{ items: AgendaItemView[] }> {
    await this.roundtables.findVisible(this.dataSource.manager, user, id);
    return { items: await this.views(this.dataSource.manager, id) };
  }

  async create(actor: AuthUser, id: string, dto: CreateAgendaItemDto): Promise<AgendaItemView> {
    const itemId = await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : null;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      checkSlot(startsAt, endsAt);
      await this.checkPresenter(manager, dto.presenterId);
      const count = await manager.countBy(AgendaItem, { roundtableId: id });
      const position = Math.min(dto.position ?? count, count);
      if (position < count) await this.shift(manager, id, position, count - 1, 1);
      const item = await manager.save(
        manager.create(AgendaItem, {
          roundtableId: id,
          position,
          title: cleanLocalizedText(dto.title),
          presenterId: dto.presenterId ?? null,
          presenterName: dto.presenterName?.trim() || null,
          startsAt,
          endsAt,
        }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.agenda_item_added',
        entityType: 'roundtable',
        entityId: id,
        changes: { agendaItemId: item.id, title: item.title, position },
      });
      return item.id;
    });
    return this.view(itemId);
  }

  async update(actor: AuthUser, id: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItemView> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const item = await this.findItem(manager, id, itemId);
      // Naming a presenter of one kind replaces the other kind.
      let presenterId = item.presenterId;
      let presenterName = item.presenterName;
      if (dto.presenterId !== undefined) {
        presenterId = dto.presenterId;
        if (presenterId) presenterName = null;
      }
      if (dto.presenterName !== undefined) {
        presenterName = dto.presenterName?.trim() || null;
        if (presenterName) presenterId = null;
      }
      const startsAt = dto.startsAt === undefined ? item.startsAt : dto.startsAt ? new Date(dto.startsAt) : null;
      const endsAt = dto.endsAt === undefined ? item.endsAt : dto.endsAt ? new Date(dto.endsAt) : null;
      checkSlot(startsAt, endsAt);
      if (presenterId !== item.presenterId) await this.checkPresenter(manager, presenterId);
      let position = item.position;
      if (dto.position !== undefined) {
        const count = await manager.countBy(AgendaItem, { roundtableId: id });
        position = Math.min(dto.position, count - 1);
      }
      const next = {
        title: dto.title ? cleanLocalizedText(dto.title) : item.title,
        presenterId,
        presenterName,
        startsAt,
        endsAt,
        position,
      };
      const changes = diff(
        { ...item, startsAt: iso(item.startsAt), endsAt: iso(item.endsAt) },
        { ...next, startsAt: iso(startsAt), endsAt: iso(endsAt) },
      );
      if (!Object.keys(changes).length) return;
      if (position < item.position) await this.shift(manager, id, position, item.position - 1, 1);
      if (position > item.position) await this.shift(manager, id, item.position + 1, position, -1);
      await manager.update(AgendaItem, { id: itemId }, next);
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.agenda_item_updated',
        entityType: 'roundtable',
        entityId: id,
        changes: { agendaItemId: itemId, ...changes },
      });
    });
    return this.view(itemId);
  }

  async remove(actor: AuthUser, id: string, itemId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const item = await this.findItem(manager, id, itemId);
      await manager.delete(AgendaItem, { id: itemId });
      await this.shift(manager, id, item.position + 1, null, -1);
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.agenda_item_removed',
        entityType: 'roundtable',
        entityId: id,
        changes: { agendaItemId: itemId, title: item.title, position: item.position },
      });
    });
  }

  async reorder(actor: AuthUser, id: string, dto: ReorderAgendaDto): Promise<{ items: AgendaItemView[] }> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const items = await manager.find(AgendaItem, { where: { roundtableId: id }, order: { position: 'ASC' } });
      const known = new Set(items.map((i) => i.id));
      if (dto.itemIds.length !== items.length || !dto.itemIds.every((itemId) => known.has(itemId))) {
        throw badRequest('itemIds', `itemIds must list exactly the roundtable's ${items.length} agenda item(s), each once`);
      }
      const before = items.map((i) => i.id);
      if (before.every((itemId, index) => dto.itemIds[index] === itemId)) return;
      for (const [position, itemId] of dto.itemIds.entries()) {
        await manager.update(AgendaItem, { id: itemId }, { position });
      }
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.agenda_reordered',
        entityType: 'roundtable',
        entityId: id,
        changes: { order: { from: before, to: dto.itemIds } },
      });
    });
    return { items: await this.views(this.dataSource.manager, id) };
  }

  async putMinutes(actor: AuthUser, id: string, itemId: string, dto: MinutesDto): Promise<MinutesView> {
    const revisionId = await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      await this.findItem(manager, id, itemId);
      const text = cleanLocalizedText(dto.text);
      const latest = await manager.findOne(MinutesRevision, { where: { agendaItemId: itemId }, order: { revision: 'DESC' } });
      // Saving the same text again is not a new version.
      if (latest && JSON.stringify(latest.text) === JSON.stringify(text)) return latest.id;
      const revision = (latest?.revision ?? 0) + 1;
      const saved = await manager.save(manager.create(MinutesRevision, { agendaItemId: itemId, revision, text, authorId: actor.id }));
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.minutes_updated',
        entityType: 'roundtable',
        entityId: id,
        changes: { agendaItemId: itemId, revision },
      });
      return saved.id;
    });
    const saved = await this.dataSource.manager.findOneOrFail(MinutesRevision, { where: { id: revisionId }, relations: { author: true } });
    return toMinutesView(saved);
  }

  async minutesHistory(user: AuthUser, id: string, itemId: string): Promise<{ items: MinutesView[] }> {
    const manager = this.dataSource.manager;
    await this.roundtables.findVisible(manager, user, id);
    await this.findItem(manager, id, itemId);
    const revisions = await manager.find(MinutesRevision, { where: { agendaItemId: itemId }, relations: { author: true }, order: { revision: 'DESC' } });
    return { items: revisions.map(toMinutesView) };
  }
}
