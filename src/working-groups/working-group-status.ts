import type { WorkingGroupStatus } from './entities/working-group.entity';

export const WORKING_GROUP_MOVES: Record<WorkingGroupStatus, WorkingGroupStatus[]> = {
  active: ['closed'],
  closed: ['active'],
};

export type WorkingGroupMoveCheck = { ok: true } | { ok: false; problem: 'not_allowed'; allowed: WorkingGroupStatus[] } | { ok: false; problem: 'admin_only' };

/** A group closes when its mandate is done; bringing a closed group back is an admin's call. */
export function checkWorkingGroupMove(from: WorkingGroupStatus, to: WorkingGroupStatus, isAdmin: boolean): WorkingGroupMoveCheck {
  const allowed = WORKING_GROUP_MOVES[from];
  if (!allowed.includes(to)) return { ok: false, problem: 'not_allowed', allowed };
  if (from === 'closed' && !isAdmin) return { ok: false, problem: 'admin_only' };
  return { ok: true };
}
