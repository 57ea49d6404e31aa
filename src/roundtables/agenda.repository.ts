import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import { AgendaItem } from './entities/agenda-item.entity';
import { MinutesRevision } from './entities/minutes-revision.entity';

/** An agenda item as the agenda shows it: with its presenter's name and its current minutes with their author's. */
export interface AgendaItemRow extends Omit<AgendaItem, 'presenter'> {
  presenterDisplayName: string | null;
  minutesRevision: number | null;
  minutesText: MinutesRevision['text'] | null;
  minutesCreatedAt: Date | null;
  minutesAuthorId: string | null;
  minutesAuthorName: string | null;
}

const AGENDA_FOR_VIEW = `SELECT a.id, a.roundtable_id AS "roundtableId", a.position, a.title, a.presenter_id AS "presenterId",
         a.presenter_name AS "presenterName", a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.created_at AS "createdAt",
         a.updated_at AS "updatedAt", pu.display_name AS "presenterDisplayName", m.revision AS "minutesRevision",
         m.text AS "minutesText", m.created_at AS "minutesCreatedAt", m.author_id AS "minutesAuthorId",
         mu.display_name AS "minutesAuthorName"
    FROM roundtable_agenda_items a
    LEFT JOIN users pu ON pu.id = a.presenter_id
    LEFT JOIN LATERAL (SELECT revision, text, created_at, author_id FROM agenda_minutes_revisions
                        WHERE agenda_item_id = a.id ORDER BY revision DESC LIMIT 1) m ON true
    LEFT JOIN users mu ON mu.id = m.author_id
   WHERE a.roundtable_id = $1
   ORDER BY a.position`;

/** A roundtable's agenda items and the minutes revisions kept against them; presenters and authors come along. */
@Injectable()
export class AgendaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** In agenda order, each with its presenter's name and current minutes: one prepared statement (every agenda read). */
  async listForView(roundtableId: string): Promise<AgendaItemRow[]> {
    return queryPrepared<AgendaItemRow>(this.dataSource, 'agenda_for_view', AGENDA_FOR_VIEW, [roundtableId]);
  }

  /** In agenda order, with presenters. */
  async listWithPresenters(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<AgendaItem[]> {
    return tx.find(AgendaItem, { where: { roundtableId }, relations: { presenter: true }, order: { position: 'ASC' } });
  }

  async findWithPresenter(itemId: string): Promise<AgendaItem | null> {
    return this.dataSource.manager.findOne(AgendaItem, { where: { id: itemId }, relations: { presenter: true } });
  }

  async findInRoundtable(roundtableId: string, itemId: string, tx: Tx = this.dataSource.manager): Promise<AgendaItem | null> {
    return tx.findOneBy(AgendaItem, { id: itemId, roundtableId });
  }

  /** In agenda order. */
  async list(tx: Tx, roundtableId: string): Promise<AgendaItem[]> {
    return tx.find(AgendaItem, { where: { roundtableId }, order: { position: 'ASC' } });
  }

  async count(tx: Tx, roundtableId: string): Promise<number> {
    return tx.countBy(AgendaItem, { roundtableId });
  }

  /** Moves the items in [from, to] (to null: to the end) by delta; the deferred unique constraint tolerates the overlap until commit. */
  async shift(tx: Tx, roundtableId: string, from: number, to: number | null, delta: 1 | -1): Promise<void> {
    const qb = tx
      .createQueryBuilder()
      .update(AgendaItem)
      .set({ position: () => `position + ${delta}` })
      .where('roundtable_id = :roundtableId AND position >= :from', { roundtableId, from });
    if (to !== null) qb.andWhere('position <= :to', { to });
    await qb.execute();
  }

  async insert(
    tx: Tx,
    row: Pick<AgendaItem, 'roundtableId' | 'position' | 'title' | 'presenterId' | 'presenterName' | 'startsAt' | 'endsAt'>,
  ): Promise<AgendaItem> {
    return tx.save(tx.create(AgendaItem, row));
  }

  /** Several items at once (the demo loader); returns their ids, in order. */
  async insertMany(
    tx: Tx,
    rows: Pick<AgendaItem, 'roundtableId' | 'position' | 'title' | 'presenterId' | 'presenterName' | 'startsAt' | 'endsAt'>[],
  ): Promise<string[]> {
    if (!rows.length) return [];
    return (await tx.insert(AgendaItem, rows)).identifiers.map((i) => i.id as string);
  }

  /** Several revisions at once (the demo loader). */
  async insertRevisions(tx: Tx, rows: Pick<MinutesRevision, 'agendaItemId' | 'revision' | 'text' | 'authorId'>[]): Promise<void> {
    if (rows.length) await tx.insert(MinutesRevision, rows);
  }

  async update(tx: Tx, itemId: string, changes: Partial<AgendaItem>): Promise<void> {
    await tx.update(AgendaItem, { id: itemId }, changes);
  }

  async delete(tx: Tx, itemId: string): Promise<void> {
    await tx.delete(AgendaItem, { id: itemId });
  }

  /** The latest minutes revision of each item, with its author. */
  async currentMinutes(itemIds: string[], tx: Tx = this.dataSource.manager): Promise<MinutesRevision[]> {
    if (!itemIds.length) return [];
    return tx
      .createQueryBuilder(MinutesRevision, 'm')
      .leftJoinAndSelect('m.author', 'a')
      .distinctOn(['m.agenda_item_id'])
      .where('m.agenda_item_id IN (:...itemIds)', { itemIds })
      .orderBy('m.agenda_item_id')
      .addOrderBy('m.revision', 'DESC')
      .getMany();
  }

  async latestRevision(tx: Tx, itemId: string): Promise<MinutesRevision | null> {
    return tx.findOne(MinutesRevision, { where: { agendaItemId: itemId }, order: { revision: 'DESC' } });
  }

  async findRevisionWithAuthor(revisionId: string): Promise<MinutesRevision | null> {
    return this.dataSource.manager.findOne(MinutesRevision, { where: { id: revisionId }, relations: { author: true } });
  }

  /** Newest first, with authors. */
  async revisions(itemId: string): Promise<MinutesRevision[]> {
    return this.dataSource.manager.find(MinutesRevision, { where: { agendaItemId: itemId }, relations: { author: true }, order: { revision: 'DESC' } });
  }

  async insertRevision(tx: Tx, row: Pick<MinutesRevision, 'agendaItemId' | 'revision' | 'text' | 'authorId'>): Promise<MinutesRevision> {
    return tx.save(tx.create(MinutesRevision, row));
  }
}
