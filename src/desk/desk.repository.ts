import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../common/localized-text';
import type { ActionItemStatus } from '../shared/enums';
import type { PeriodType } from '../shared/periods';

/** Every list query answers its first rows and, on each row, how many there are in all. */
interface Counted {
  total: number;
}

export type MeetingRow = Counted & {
  id: string;
  title: LocalizedText;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  location_city: string | null;
  location_online: boolean;
  role: 'facilitator' | 'participant' | 'observer';
};

export type CommitmentRow = Counted & { id: string; roadmap_id: string; title: LocalizedText; due_date: string | null; status: ActionItemStatus };

export type ObservationRow = Counted & {
  id: string;
  indicator_id: string;
  code: string;
  indicator_name: LocalizedText;
  scope_type: 'park' | 'city' | 'province';
  park_id: string | null;
  park_name: LocalizedText | null;
  province: string;
  city: string;
  period: string;
  reported_at: Date;
  rejection_reason: string | null;
};

export type ApprovalRow = Counted & { id: string; park_id: string; park_name: LocalizedText; period: string; state: 'submitted' | 'city_approved' };

export interface ParkRow {
  id: string;
  name: LocalizedText;
}

export interface CalendarRow {
  id: string;
  code: string;
  name: LocalizedText;
  frequency: PeriodType;
  due_days: number;
}

/** A park's value expected for a period (indicator × park × period), to be checked for a report. */
export interface ExpectedValue {
  indicatorId: string;
  parkId: string;
  period: string;
  periodStart: string;
}

/** Counts of queues stop here: a desk says "1000+" rather than count a national import row by row. */
export const COUNT_CAP = 1000;

const OBSERVATION_COLUMNS = `o.id, o.indicator_id, i.code, i.name AS indicator_name, o.scope_type, o.park_id, p.name AS park_name,
       o.province, o.city, o.period, o.reported_at, o.rejection_reason`;

/**
 * What the desk reads, one query per section, each served by an index (migration 1796120000000-DeskIndexes for those
 * that were missing): the desk is the first page everyone opens, so it is a read model of its own rather than a round
 * of calls through every module's list endpoints.
 */
@Injectable()
export class DeskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The meetings the person takes part in that have not ended, soonest first. */
  nextMeetings(userId: string, limit: number): Promise<MeetingRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.title, r.starts_at, r.ends_at, r.time_zone, r.location_city, r.location_online, rp.role,
              count(*) OVER ()::int AS total
         FROM roundtable_participants rp JOIN roundtables r ON r.id = rp.roundtable_id
        WHERE rp.user_id = $1 AND r.ends_at >= now()
        ORDER BY r.starts_at, r.id LIMIT $2`,
      [userId, limit],
    );
  }

  /** The open commitments the organization leads or supports on which it has no current position, soonest due first. */
  positionsAwaited(organizationId: string, limit: number): Promise<CommitmentRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.roadmap_id, a.title, a.due_date::text AS due_date, a.status, count(*) OVER ()::int AS total
         FROM action_items a
        WHERE a.id IN (SELECT id FROM action_items WHERE lead_organization_id = $1
                       UNION SELECT action_item_id FROM action_item_supporters WHERE organization_id = $1)
          AND a.status NOT IN ('completed', 'dropped')
          AND NOT EXISTS (SELECT 1 FROM constituency_positions cp
                           WHERE cp.action_item_id = a.id AND cp.organization_id = $1 AND cp.superseded_at IS NULL)
        ORDER BY a.due_date NULLS LAST, a.created_at LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** The organization's commitments whose due day is before `today` (YYYY-MM-DD), neither completed nor dropped, most overdue first. */
  overdueCommitments(organizationId: string, today: string, limit: number): Promise<CommitmentRow[]> {
    return this.dataSource.query(
      `SELECT a.id, a.roadmap_id, a.title, a.due_date::text AS due_date, a.status, count(*) OVER ()::int AS total
         FROM action_items a
        WHERE a.id IN (SELECT id FROM action_items WHERE lead_organization_id = $1
                       UNION SELECT action_item_id FROM action_item_supporters WHERE organization_id = $1)
          AND a.status NOT IN ('completed', 'dropped') AND a.due_date < $2::date
        ORDER BY a.due_date, a.created_at LIMIT $3`,
      [organizationId, today, limit],
    );
  }

  /** Current values awaiting verification that the person did not report, oldest first (ids are time-ordered). */
  async toVerify(userId: string, limit: number): Promise<ObservationRow[]> {
    return this.withCount(
      `FROM observations o WHERE o.status = 'submitted' AND o.superseded_at IS NULL AND o.reported_by_id IS DISTINCT FROM $1`,
      [userId],
      limit,
    );
  }

  /** Current flagged values still to be followed up, oldest first. */
  async followUp(limit: number): Promise<ObservationRow[]> {
    return this.withCount(`FROM observations o WHERE o.follow_up = 'open' AND o.superseded_at IS NULL`, [], limit);
  }

  /** Current values of the organization's parks that were rejected (or sent back), to be corrected; newest first. */
  async toCorrect(organizationId: string, limit: number): Promise<ObservationRow[]> {
    return this.withCount(
      `FROM observations o
        WHERE o.status = 'rejected' AND o.superseded_at IS NULL
          AND o.park_id IN (SELECT id FROM parks WHERE organization_id = $1)`,
      [organizationId],
      limit,
      'DESC',
    );
  }

  /**
   * The first rows of `from` (observations o, with its parameters) with their indicators and parks, and how many there
   * are up to COUNT_CAP, in one query.
   */
  private async withCount(from: string, params: unknown[], limit: number, order: 'ASC' | 'DESC' = 'ASC'): Promise<ObservationRow[]> {
    const n = params.length;
    return this.dataSource.query(
      `WITH total AS (SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP}) capped),
            firsts AS (SELECT o.* ${from} ORDER BY o.id ${order} LIMIT $${n + 1})
       SELECT ${OBSERVATION_COLUMNS}, total.total
         FROM firsts o JOIN indicators i ON i.id = o.indicator_id LEFT JOIN parks p ON p.id = o.park_id CROSS JOIN total
        ORDER BY o.id ${order}`,
      [...params, limit],
    );
  }

  /** Park periods awaiting approval at a level the person approves at (city level for their city, province level for their province). */
  approvalsAwaited(userId: string, limit: number): Promise<ApprovalRow[]> {
    return this.dataSource.query(
      `SELECT pa.id, pa.park_id, p.name AS park_name, pa.period, pa.state, count(*) OVER ()::int AS total
         FROM period_approvals pa JOIN parks p ON p.id = pa.park_id
        WHERE pa.state IN ('submitted', 'city_approved')
          AND EXISTS (SELECT 1 FROM approver_roles ar
                       WHERE ar.user_id = $1 AND ar.province = p.province
                         AND ((pa.state = 'submitted' AND ar.level = 'city' AND ar.city = p.city)
                           OR (pa.state = 'city_approved' AND ar.level = 'province')))
        ORDER BY pa.period_start, p.name->>'en' LIMIT $2`,
      [userId, limit],
    );
  }

  /** Whether the person approves park periods anywhere. */
  async isApprover(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM approver_roles WHERE user_id = $1 LIMIT 1`, [userId]);
    return rows.length > 0;
  }

  /** The parks run by the organization (its members are their officers). */
  parksOf(organizationId: string): Promise<ParkRow[]> {
    return this.dataSource.query(`SELECT id, name FROM parks WHERE organization_id = $1 ORDER BY name->>'en'`, [organizationId]);
  }

  /** Every indicator's reporting calendar. */
  calendars(): Promise<CalendarRow[]> {
    return this.dataSource.query(`SELECT id, code, name, frequency, due_days FROM indicators ORDER BY code`);
  }

  /** Of the expected values, those with no current value reported (any breakdown, rejected ones left out), in one query. */
  async unreported(expected: ExpectedValue[]): Promise<ExpectedValue[]> {
    if (!expected.length) return [];
    const rows: { indicator_id: string; park_id: string; period: string; period_start: string }[] = await this.dataSource.query(
      `SELECT e.indicator_id, e.park_id, e.period, e.period_start::text AS period_start
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[]) AS e(indicator_id, park_id, period, period_start)
        WHERE NOT EXISTS (SELECT 1 FROM observations o
                           WHERE o.indicator_id = e.indicator_id AND o.park_id = e.park_id AND o.superseded_at IS NULL
                             AND o.period_start = e.period_start AND o.period = e.period AND o.status <> 'rejected')`,
      [expected.map((e) => e.indicatorId), expected.map((e) => e.parkId), expected.map((e) => e.period), expected.map((e) => e.periodStart)],
    );
    return rows.map((r) => ({ indicatorId: r.indicator_id, parkId: r.park_id, period: r.period, periodStart: r.period_start }));
  }
}
