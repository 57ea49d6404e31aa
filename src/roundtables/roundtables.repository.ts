import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import { bothLanguagesSql as both } from '../common/search-text';
import { thingSearchParams, thingSearchSql, type ThingHitRow } from '../search/thing-search';
import type { SearchRequest } from '../search/search.registry';
import type { Tx } from '../database/unit-of-work';
import type { RoundtableRole } from './entities/roundtable-participant.entity';
import { Roundtable, type RoundtableStatus } from './entities/roundtable.entity';
import type { RoundtableViewSource } from './views';

/** Microsecond-exact text of a timestamp, so that keyset cursors never skip or repeat a row. */
const exactTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Whose view a query takes: an admin sees every roundtable, others the platform-wide ones and their own. */
export interface Viewer {
  id: string;
  seesAll: boolean;
}

export interface RoundtableFilter {
  status?: RoundtableStatus;
  when?: 'upcoming' | 'past';
  q?: string;
  /** Keyset position: rows after (ascending) or before (descending) this start and id. */
  after?: { startsAt: string; id: string };
  ascending: boolean;
  limit: number;
}

export type RoundtableRow = Pick<
  Roundtable,
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'locationCity'
  | 'locationVenue'
  | 'locationOnline'
  | 'locationUrl'
  | 'status'
  | 'visibility'
  | 'createdById'
>;

/** A roundtable as its page shows it, with its creator's name and the viewer's role there ($2), in one statement. */
const FOR_VIEWER = `SELECT r.id, r.title, r.description, r.starts_at AS "startsAt", r.ends_at AS "endsAt", r.time_zone AS "timeZone",
         r.location_city AS "locationCity", r.location_venue AS "locationVenue", r.location_online AS "locationOnline",
         r.location_url AS "locationUrl", r.status, r.visibility, r.agenda_circulated_at AS "agendaCirculatedAt",
         r.created_at AS "createdAt", r.updated_at AS "updatedAt", u.id AS "creatorId", u.display_name AS "creatorName",
         p.role AS "myRole"
    FROM roundtables r
    LEFT JOIN users u ON u.id = r.created_by_id
    LEFT JOIN roundtable_participants p ON p.roundtable_id = r.id AND p.user_id = $2
   WHERE r.id = $1`;

type ForViewerRow = Omit<RoundtableViewSource, 'createdBy'> & { creatorId: string | null; creatorName: string | null; myRole: RoundtableRole | null };

/** The roundtables table. */
@Injectable()
export class RoundtablesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, tx: Tx = this.dataSource.manager, lock = false): Promise<Roundtable | null> {
    return tx.findOne(Roundtable, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  /** The roundtable as its page shows it and the viewer's role there, or null: one prepared statement. */
  async findForViewer(id: string, userId: string): Promise<{ roundtable: RoundtableViewSource; myRole: RoundtableRole | null } | null> {
    const [row] = await queryPrepared<ForViewerRow>(this.dataSource, 'roundtable_for_viewer', FOR_VIEWER, [id, userId]);
    if (!row) return null;
    const { creatorId, creatorName, myRole, ...roundtable } = row;
    return { roundtable: { ...roundtable, createdBy: creatorId ? { id: creatorId, displayName: creatorName! } : null }, myRole };
  }

  async exists(id: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(Roundtable, { id });
  }

  /** Asked at every post in a discussion (ChannelsService.authorizePost, reused a moment): one prepared query. */
  async visibilityAndRole(roundtableId: string, userId: string): Promise<{ visibility: Roundtable['visibility']; role: RoundtableRole | null } | null> {
    const [row] = await queryPrepared<{ visibility: Roundtable['visibility']; role: RoundtableRole | null }>(
      this.dataSource,
      'roundtable_access',
      `SELECT r.visibility, p.role FROM roundtables r
         LEFT JOIN roundtable_participants p ON p.roundtable_id = r.id AND p.user_id = $2
        WHERE r.id = $1`,
      [roundtableId, userId],
    );
    return row ?? null;
  }

  private onlyVisible(qb: SelectQueryBuilder<Roundtable>, viewer: Viewer) {
    if (viewer.seesAll) return;
    qb.andWhere(`(r.visibility = 'platform' OR EXISTS (SELECT 1 FROM roundtable_participants mp WHERE mp.roundtable_id = r.id AND mp.user_id = :viewerId))`, {
      viewerId: viewer.id,
    });
  }

  /** Those of the roundtables the viewer may see. */
  async findVisibleAmong(viewer: Viewer, ids: string[]): Promise<Roundtable[]> {
    if (!ids.length) return [];
    const qb = this.dataSource.manager.createQueryBuilder(Roundtable, 'r').where('r.id IN (:...ids)', { ids });
    this.onlyVisible(qb, viewer);
    return qb.getMany();
  }

  /**
   * The ids of the meetings the viewer may see that were held (opened or concluded) in the year, the year being
   * that of the start in the venue's time zone; in order of start.
   */
  async heldInYear(viewer: Viewer, year: number): Promise<string[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Roundtable, 'r')
      .select('r.id', 'id')
      .where("r.status IN ('open', 'concluded')")
      .andWhere('extract(year FROM r.starts_at AT TIME ZONE r.time_zone) = :year', { year })
      .orderBy('r.starts_at', 'ASC')
      .addOrderBy('r.id', 'ASC');
    this.onlyVisible(qb, viewer);
    return (await qb.getRawMany<{ id: string }>()).map((row) => row.id);
  }

  /**
   * A page of the roundtables the viewer may see, with their creators (Roundtable.createdBy) and each row's exact
   * start time as its keyset key.
   */
  async findPage(viewer: Viewer, filter: RoundtableFilter): Promise<{ rows: Roundtable[]; sortKeys: Map<string, string> }> {
    const dir = filter.ascending ? 'ASC' : 'DESC';
    const qb = this.dataSource.manager
      .createQueryBuilder(Roundtable, 'r')
      .leftJoinAndSelect('r.createdBy', 'cb')
      .addSelect(exactTime('r.starts_at'), 'sort_key')
      .orderBy('r.startsAt', dir)
      .addOrderBy('r.id', dir)
      .limit(filter.limit);
    this.onlyVisible(qb, viewer);
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.when === 'upcoming') qb.andWhere('r.ends_at >= now()');
    if (filter.when === 'past') qb.andWhere('r.ends_at < now()');
    if (filter.q) {
      qb.andWhere("(r.title->>'en' ILIKE :q OR r.title->>'zh' ILIKE :q OR r.location_city ILIKE :q)", {
        q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (filter.after) {
      qb.andWhere(`(r.starts_at, r.id) ${filter.ascending ? '>' : '<'} (CAST(:cursorS AS timestamptz), CAST(:cursorId AS uuid))`, {
        cursorS: filter.after.startsAt,
        cursorId: filter.after.id,
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ r_id: string; sort_key: string }>();
    return { rows: entities, sortKeys: new Map(raw.map((row) => [row.r_id, row.sort_key])) };
  }

  async insert(tx: Tx, row: RoundtableRow): Promise<Roundtable> {
    return tx.save(tx.create(Roundtable, row));
  }

  /** A plain INSERT (no reload of the row), for bulk writers such as the demo loader. */
  async insertReturningId(tx: Tx, row: RoundtableRow): Promise<string> {
    return (await tx.insert(Roundtable, row)).identifiers[0].id as string;
  }

  async update(tx: Tx, id: string, changes: Partial<Roundtable>): Promise<void> {
    await tx.update(Roundtable, { id }, changes);
  }

  /** The roundtables open to participants only that this person does not take part in (hidden from them). */
  async hiddenFrom(userId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT r.id FROM roundtables r
        WHERE r.visibility <> 'platform'
          AND NOT EXISTS (SELECT 1 FROM roundtable_participants p WHERE p.roundtable_id = r.id AND p.user_id = $1)`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Search over the titles, descriptions, agendas, minutes and decisions of the roundtables the viewer may see. */
  search(viewer: Viewer, request: SearchRequest): Promise<ThingHitRow[]> {
    const visible = viewer.seesAll
      ? 'true'
      : `(r.visibility = 'platform' OR EXISTS (SELECT 1 FROM roundtable_participants mp WHERE mp.roundtable_id = r.id AND mp.user_id = $6))`;
    const candidates = `
      SELECT r.id, r.title, 'title' AS field, ${both('r.title')} AS text, r.starts_at AS created_at, NULL::jsonb AS extra
        FROM roundtables r WHERE ${visible}
      UNION ALL
      SELECT r.id, r.title, 'description', ${both('r.description')}, r.starts_at, NULL FROM roundtables r WHERE ${visible}
      UNION ALL
      SELECT r.id, r.title, 'agenda', ${both('a.title')}, r.starts_at, NULL
        FROM roundtables r JOIN roundtable_agenda_items a ON a.roundtable_id = r.id WHERE ${visible}
      UNION ALL
      SELECT r.id, r.title, 'minutes', ${both('mr.text')}, mr.created_at, NULL
        FROM roundtables r JOIN roundtable_agenda_items a ON a.roundtable_id = r.id
        JOIN LATERAL (SELECT text, created_at FROM agenda_minutes_revisions m WHERE m.agenda_item_id = a.id ORDER BY revision DESC LIMIT 1) mr ON true
       WHERE ${visible}
      UNION ALL
      SELECT r.id, r.title, 'decision', ${both('d.text')}, d.created_at, NULL
        FROM roundtables r JOIN roundtable_decisions d ON d.roundtable_id = r.id WHERE ${visible}`;
    return this.dataSource.query(thingSearchSql(candidates), thingSearchParams(request, ...(viewer.seesAll ? [] : [viewer.id])));
  }

  /** The roundtables a person takes part in (any role), latest first. */
  takingPart(userId: string): Promise<{ refId: string; title: Roundtable['title'] }[]> {
    return this.dataSource.query(
      `SELECT r.id AS "refId", r.title FROM roundtables r JOIN roundtable_participants p ON p.roundtable_id = r.id
        WHERE p.user_id = $1 ORDER BY r.starts_at DESC LIMIT 200`,
      [userId],
    );
  }
}
