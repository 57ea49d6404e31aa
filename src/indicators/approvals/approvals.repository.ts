import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/unit-of-work';
import type { ApprovalState, ApproverLevel } from './approval-flow';

export interface ApproverRow {
  id: string;
  user_id: string;
  level: ApproverLevel;
  province: string;
  city: string;
  granted_by_id: string | null;
  created_at: Date;
}

export interface ApprovalRow {
  id: string;
  park_id: string;
  period: string;
  state: ApprovalState;
}

export interface StepRow {
  approval_id: string;
  step: 'submitted' | 'city_approved' | 'province_approved' | 'unlocked';
  actor_id: string | null;
  reason: string | null;
  created_at: Date;
}

const APPROVER_COLUMNS = 'id, user_id, level, province, city, granted_by_id, created_at';

/** Approver roles per scope, and the approval of park periods with the history of its steps. */
@Injectable()
export class ApprovalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findApprovers(): Promise<ApproverRow[]> {
    return this.dataSource.query(`SELECT ${APPROVER_COLUMNS} FROM approver_roles ORDER BY province, city, level, created_at`);
  }

  /** Inserts the role; null when the user holds it already. */
  async insertApprover(
    tx: Tx,
    role: { userId: string; level: ApproverLevel; province: string; city: string; grantedById: string },
  ): Promise<ApproverRow | null> {
    const [row]: ApproverRow[] = await tx.query(
      `INSERT INTO approver_roles (user_id, level, province, city, granted_by_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, level, province, city) DO NOTHING
       RETURNING ${APPROVER_COLUMNS}`,
      [role.userId, role.level, role.province, role.city, role.grantedById],
    );
    return row ?? null;
  }

  async deleteApprover(tx: Tx, id: string): Promise<ApproverRow | null> {
    const [rows]: [ApproverRow[], number] = await tx.query(`DELETE FROM approver_roles WHERE id = $1 RETURNING ${APPROVER_COLUMNS}`, [id]);
    return rows[0] ?? null;
  }

  /** The levels at which the user approves the periods of a park in this province and city. */
  async levelsFor(userId: string, province: string, city: string): Promise<ApproverLevel[]> {
    const rows: { level: ApproverLevel }[] = await this.dataSource.query(
      `SELECT DISTINCT level FROM approver_roles
        WHERE user_id = $1 AND province = $2 AND (level = 'province' OR city = $3) ORDER BY level`,
      [userId, province, city],
    );
    return rows.map((r) => r.level);
  }

  /** The approval of a park's period, locked until `tx` ends. */
  async lock(tx: Tx, parkId: string, period: string): Promise<ApprovalRow | null> {
    const [row]: ApprovalRow[] = await tx.query(`SELECT id, park_id, period, state FROM period_approvals WHERE park_id = $1 AND period = $2 FOR UPDATE`, [
      parkId,
      period,
    ]);
    return row ?? null;
  }

  /** Creates or moves the approval of a park's period, and records the step. */
  async move(
    tx: Tx,
    approval: { parkId: string; period: string; start: string; end: string; state: ApprovalState },
    step: { step: StepRow['step']; actorId: string; reason: string | null },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO period_approvals (park_id, period, period_start, period_end, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (park_id, period) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
       RETURNING id`,
      [approval.parkId, approval.period, approval.start, approval.end, approval.state],
    );
    await tx.query(`INSERT INTO period_approval_steps (approval_id, step, actor_id, reason) VALUES ($1, $2, $3, $4)`, [
      id,
      step.step,
      step.actorId,
      step.reason,
    ]);
    return id;
  }

  findForPark(parkId: string): Promise<ApprovalRow[]> {
    return this.dataSource.query(`SELECT id, park_id, period, state FROM period_approvals WHERE park_id = $1 ORDER BY period_start DESC, period`, [parkId]);
  }

  findOne(parkId: string, period: string): Promise<ApprovalRow[]> {
    return this.dataSource.query(`SELECT id, park_id, period, state FROM period_approvals WHERE park_id = $1 AND period = $2`, [parkId, period]);
  }

  findSteps(approvalIds: string[]): Promise<StepRow[]> {
    return this.dataSource.query(
      `SELECT approval_id, step, actor_id, reason, created_at FROM period_approval_steps WHERE approval_id = ANY($1::uuid[]) ORDER BY id`,
      [approvalIds],
    );
  }
}
