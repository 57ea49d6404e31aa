import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/unit-of-work';

export interface PeriodLock {
  id: string;
  period: string;
  locked_at: Date;
}

/** The locks of approved park periods, as reports, corrections and imports meet them. */
@Injectable()
export class PeriodLocksRepository {
  /** The lock covering a park's value for the period from `start` to `end`, if any (locked for share until `tx` ends). */
  async findCovering(tx: Tx, parkId: string, start: string, end: string): Promise<PeriodLock | null> {
    const [row]: PeriodLock[] = await tx.query(
      `SELECT a.id, a.period, a.updated_at AS locked_at FROM period_approvals a
        WHERE a.park_id = $1 AND a.state = 'locked' AND a.period_start <= $2 AND a.period_end >= $3
        ORDER BY a.period_start LIMIT 1 FOR SHARE`,
      [parkId, start, end],
    );
    return row ?? null;
  }
}

/** The message of the 409 (and of an import row) refused by a lock. */
export const lockedMessage = (period: string) => `the period ${period}${LOCKED_TAIL}`;
const LOCKED_TAIL = ' of this park is approved and locked: an admin must unlock it first';
/** lockedMessage in SQL, for a period text expression. */
export const lockedMessageSql = (period: string) => `'the period ' || ${period} || '${LOCKED_TAIL}'`;
