import { HttpStatus, Injectable } from '@nestjs/common';
import { ActivityService } from '../../activity/activity.service';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError, badRequest, forbidden, orNotFound } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ParksService } from '../../parks/parks.service';
import { RealtimeEmitter } from '../../realtime/realtime.emitter';
import { canReport } from '../../shared/indicator-access';
import { parsePeriod } from '../../shared/periods';
import { UsersService } from '../../users/users.service';
import type { ApproverView, GrantApproverDto, PeriodApprovalView, PeriodRefDto } from '../dto/approval.dto';
import { ScopesService } from '../scopes.service';
import { type ApprovalMove, type ApproverLevel, approveMove, awaitedLevel, submitMove, unlockMove } from './approval-flow';
import { notificationTitles } from '../../common/notification-titles';
import { type ApprovalRow, ApprovalsRepository, type ApproverRow } from './approvals.repository';

/** An ApprovalMove that failed, as the HTTP error it is. */
function refused(move: Extract<ApprovalMove, { ok: false }>, field = 'period'): ApiError {
  return move.status === 403 ? forbidden(move.message) : new ApiError(HttpStatus.CONFLICT, move.message, [{ field, message: move.message }]);
}

/**
 * Approval of a park's period up the levels (park → city → province), which locks its values; approver roles per
 * scope, given by admins; unlock by an admin with a reason. Every step is in the approval's history and the audit log.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: ApprovalsRepository,
    private readonly activity: ActivityService,
    private readonly parks: ParksService,
    private readonly scopes: ScopesService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeEmitter,
  ) {}

  async approvers(): Promise<{ items: ApproverView[] }> {
    return { items: await this.approverViews(await this.repository.findApprovers()) };
  }

  async grant(admin: AuthUser, dto: GrantApproverDto): Promise<ApproverView> {
    if (dto.level === 'province' && dto.city) throw badRequest('city', 'a province-level approver has no city');
    if (!(await this.users.isActive(dto.userId))) throw badRequest('userId', 'userId does not name an active user');
    const area = dto.level === 'city' ? await this.scopes.city(dto.province, dto.city!, 'city') : await this.scopes.province(dto.province, 'province');
    const row = await this.unitOfWork.run(async (tx) => {
      const created = await this.repository.insertApprover(tx, {
        userId: dto.userId,
        level: dto.level,
        province: area.province,
        city: area.city,
        grantedById: admin.id,
      });
      if (!created) {
        const taken = 'This person approves at this level for this scope already';
        throw new ApiError(HttpStatus.CONFLICT, taken, [{ field: 'userId', message: taken }]);
      }
      await this.activity.recordBy(tx, admin, 'approver.granted', created.id, {
        userId: dto.userId,
        level: dto.level,
        province: area.province,
        city: area.city,
      });
      return created;
    });
    return (await this.approverViews([row]))[0];
  }

  async revoke(admin: AuthUser, id: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const row = orNotFound(await this.repository.deleteApprover(tx, id), 'Approver role');
      await this.activity.recordBy(tx, admin, 'approver.revoked', id, { userId: row.user_id, level: row.level, province: row.province, city: row.city });
    });
  }

  /** A park's periods as the viewer sees them: whether they may approve or unlock each. */
  async list(viewer: AuthUser, parkId: string): Promise<{ items: PeriodApprovalView[] }> {
    const levels = await this.levelsFor(viewer, parkId);
    return { items: await this.views(await this.repository.findForPark(parkId), viewer, levels) };
  }

  /** The park's own officers (or staff) submit a period. */
  async submit(user: AuthUser, dto: PeriodRefDto): Promise<PeriodApprovalView> {
    const scope = await this.scopes.parkById(dto.parkId, 'parkId');
    if (!canReport(user, scope)) throw forbidden('Only facilitators, and members of the organization running this park, submit its periods');
    return this.step(user, dto, (state) => submitMove(state), null);
  }

  /** A city-level, then a province-level approver for the park's city and province. */
  async approve(user: AuthUser, dto: PeriodRefDto): Promise<PeriodApprovalView> {
    const levels = await this.levelsFor(user, dto.parkId);
    return this.step(user, dto, (state) => approveMove(state, levels), null, levels);
  }

  /** An admin reopens a locked period, saying why; the park may then correct its values and submit again. */
  async unlock(admin: AuthUser, dto: PeriodRefDto & { reason: string }): Promise<PeriodApprovalView> {
    await this.scopes.parkById(dto.parkId, 'parkId');
    return this.step(admin, dto, (state) => unlockMove(state), dto.reason);
  }

  /** The levels at which the user approves the park's periods: their roles for its city or its province. */
  private async levelsFor(user: AuthUser, parkId: string): Promise<ApproverLevel[]> {
    const park = await this.parks.get(parkId).catch(() => null);
    if (!park) throw badRequest('parkId', 'parkId does not name an existing park');
    return this.repository.levelsFor(user.id, park.province, park.city);
  }

  private async step(
    user: AuthUser,
    dto: PeriodRefDto,
    decide: (state: ApprovalRow['state'] | null) => ApprovalMove,
    reason: string | null,
    levels?: ApproverLevel[],
  ) {
    const period = parsePeriod(dto.period)!;
    await this.unitOfWork.run(async (tx) => {
      const current = await this.repository.lock(tx, dto.parkId, period.period);
      const move = decide(current?.state ?? null);
      if (!move.ok) throw refused(move);
      const id = await this.repository.move(
        tx,
        { parkId: dto.parkId, period: period.period, start: period.start, end: period.end, state: move.state },
        { step: move.step, actorId: user.id, reason },
      );
      await this.activity.recordBy(tx, user, `period_approval.${move.step}`, id, {
        park: dto.parkId,
        period: period.period,
        state: { from: current?.state ?? null, to: move.state },
        ...(reason ? { reason } : {}),
      });
      const awaited = awaitedLevel(move.state);
      if (awaited) {
        // The approvers of the level now awaited learn of it.
        const park = await this.parks.get(dto.parkId);
        for (const approver of await this.repository.findApprovers()) {
          if (approver.level === awaited && approver.province === park.province && (awaited === 'province' || approver.city === park.city)) {
            await this.realtime.notify(tx, approver.user_id, 'period_approval.awaiting', {
              id,
              parkId: dto.parkId,
              parkName: park.name,
              period: period.period,
              level: awaited,
              title: notificationTitles.periodApproval(park.name, period.period, awaited),
              link: `/parks/${dto.parkId}`,
            });
          }
        }
      }
    });
    const [row] = await this.repository.findOne(dto.parkId, period.period);
    return (await this.views([row], user, levels ?? (await this.levelsFor(user, dto.parkId))))[0];
  }

  /** `levels`: those at which the viewer approves the periods of the rows' park. */
  private async views(rows: ApprovalRow[], viewer: AuthUser, levels: readonly ApproverLevel[]): Promise<PeriodApprovalView[]> {
    if (!rows.length) return [];
    const steps = await this.repository.findSteps(rows.map((r) => r.id));
    const [parks, people] = await Promise.all([this.parks.names(rows.map((r) => r.park_id)), this.users.displayNames(steps.map((s) => s.actor_id))]);
    return rows.map((r) => ({
      id: r.id,
      park: { id: r.park_id, name: parks.get(r.park_id) ?? {} },
      period: r.period,
      state: r.state,
      locked: r.state === 'locked',
      awaiting: awaitedLevel(r.state),
      // The very rules the approve and unlock routes apply, asked of the viewer.
      canApprove: approveMove(r.state, levels).ok,
      canUnlock: viewer.role === 'admin' && unlockMove(r.state).ok,
      steps: steps
        .filter((s) => s.approval_id === r.id)
        .map((s) => ({
          step: s.step,
          actor: s.actor_id ? { id: s.actor_id, displayName: people.get(s.actor_id) ?? '' } : null,
          reason: s.reason,
          at: s.created_at.toISOString(),
        })),
    }));
  }

  private async approverViews(rows: ApproverRow[]): Promise<ApproverView[]> {
    const [people, grantors] = await Promise.all([this.users.people(rows.map((r) => r.user_id)), this.users.displayNames(rows.map((r) => r.granted_by_id))]);
    return rows.map((r) => {
      const person = people.get(r.user_id);
      return {
        id: r.id,
        user: { id: r.user_id, displayName: person?.displayName ?? '', organization: person?.organization ?? null },
        level: r.level,
        province: r.province,
        city: r.level === 'city' ? r.city : null,
        grantedBy: r.granted_by_id ? { id: r.granted_by_id, displayName: grantors.get(r.granted_by_id) ?? '' } : null,
        createdAt: r.created_at.toISOString(),
      };
    });
  }
}
