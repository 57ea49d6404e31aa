import { Injectable } from '@nestjs/common';
import { type AuthUser, isStaff } from '../auth/auth-user';
import { toScopeView } from '../indicators/scopes';
import { ChannelsService } from '../realtime/channels.service';
import type { DeskCommitmentList, DeskObservationList, DeskReportDueList, DeskView } from './dto/desk.dto';
import { type CommitmentRow, DeskRepository, type ObservationRow } from './desk.repository';
import { expectedReports } from './reports-due';

/** How many lines each section of the desk shows (its heading counts them all). */
export const DESK_LINES = 6;

const todayUtc = () => new Date().toISOString().slice(0, 10);

const commitments = (rows: CommitmentRow[]): DeskCommitmentList => ({
  total: rows[0]?.total ?? 0,
  items: rows.map((r) => ({ id: r.id, roadmapId: r.roadmap_id, title: r.title, dueDate: r.due_date, status: r.status })),
});

const observations = (rows: ObservationRow[]): DeskObservationList => ({
  total: rows[0]?.total ?? 0,
  items: rows.map((r) => ({
    id: r.id,
    indicator: { id: r.indicator_id, code: r.code, name: r.indicator_name },
    scope: toScopeView({ type: r.scope_type, parkId: r.park_id, province: r.province, city: r.city }, r.park_name),
    period: r.period,
    reportedAt: r.reported_at.toISOString(),
    rejectionReason: r.rejection_reason,
  })),
});

/**
 * My desk: per person, what waits for them — meetings, positions their organization owes, values to verify or to
 * correct, their parks' reports due, unread channels, their organization's overdue commitments — in one answer.
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly desk: DeskRepository,
    private readonly channels: ChannelsService,
  ) {}

  async forUser(user: AuthUser): Promise<DeskView> {
    const today = todayUtc();
    const staff = isStaff(user);
    const speaks = user.role !== 'observer';
    const [meetings, positionsAwaited, overdue, toVerify, followUp, approver, parks, channels] = await Promise.all([
      this.desk.nextMeetings(user.id, DESK_LINES),
      speaks ? this.desk.positionsAwaited(user.organizationId, DESK_LINES) : null,
      speaks ? this.desk.overdueCommitments(user.organizationId, today, DESK_LINES) : null,
      staff ? this.desk.toVerify(user.id, DESK_LINES) : null,
      staff ? this.desk.followUp(DESK_LINES) : null,
      this.desk.isApprover(user.id),
      // Park officers: the members of an organization that runs parks (canReport in shared/indicator-access).
      user.role === 'member' ? this.desk.parksOf(user.organizationId) : [],
      this.channels.mine(user),
    ]);
    const officer = parks.length > 0;
    const [approvals, toCorrect, reportsDue] = await Promise.all([
      approver ? this.desk.approvalsAwaited(user.id, DESK_LINES) : null,
      officer ? this.desk.toCorrect(user.organizationId, DESK_LINES) : null,
      officer ? this.reportsDue(parks, today) : null,
    ]);
    const unread = channels.filter((c) => c.unread > 0);
    return {
      meetings: {
        total: meetings[0]?.total ?? 0,
        items: meetings.map((r) => ({
          id: r.id,
          title: r.title,
          startsAt: r.starts_at.toISOString(),
          endsAt: r.ends_at.toISOString(),
          timeZone: r.time_zone,
          city: r.location_city,
          online: r.location_online,
          myRole: r.role,
        })),
      },
      positionsAwaited: positionsAwaited && commitments(positionsAwaited),
      toVerify: toVerify && observations(toVerify),
      followUp: followUp && observations(followUp),
      approvals: approvals && {
        total: approvals[0]?.total ?? 0,
        items: approvals.map((r) => ({
          id: r.id,
          park: { id: r.park_id, name: r.park_name },
          period: r.period,
          awaiting: r.state === 'submitted' ? ('city' as const) : ('province' as const),
        })),
      },
      toCorrect: toCorrect && observations(toCorrect),
      reportsDue,
      unread: { channels: unread.length, mentions: channels.reduce((sum, c) => sum + c.mentions, 0), items: unread },
      overdueCommitments: overdue && commitments(overdue),
    };
  }

  /** The reports the calendar expects of the parks now that they have not made, overdue first, then by due day. */
  private async reportsDue(parks: { id: string; name: DeskReportDueList['items'][number]['park']['name'] }[], today: string): Promise<DeskReportDueList> {
    const calendars = await this.desk.calendars();
    const expected = expectedReports(
      calendars.map((c) => ({ id: c.id, frequency: c.frequency, dueDays: c.due_days })),
      today,
    );
    const byKey = new Map(expected.map((e) => [`${e.indicatorId}|${e.period}`, e]));
    const missing = await this.desk.unreported(
      parks.flatMap((p) => expected.map((e) => ({ indicatorId: e.indicatorId, parkId: p.id, period: e.period, periodStart: e.periodStart }))),
    );
    const indicators = new Map(calendars.map((c) => [c.id, c]));
    const parkNames = new Map(parks.map((p) => [p.id, p.name]));
    const items = missing
      .map((m) => {
        const e = byKey.get(`${m.indicatorId}|${m.period}`)!;
        const i = indicators.get(m.indicatorId)!;
        return {
          indicator: { id: i.id, code: i.code, name: i.name },
          park: { id: m.parkId, name: parkNames.get(m.parkId) ?? {} },
          period: m.period,
          due: e.due,
          overdue: e.overdue,
        };
      })
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due) || a.indicator.code.localeCompare(b.indicator.code));
    return { total: items.length, items: items.slice(0, DESK_LINES) };
  }
}
