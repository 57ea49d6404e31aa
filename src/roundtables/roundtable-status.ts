import type { RoundtableStatus } from './entities/roundtable.entity';

/** The moves a roundtable's status may make. Reopening a concluded roundtable is for admins only, with a reason. */
export const ROUNDTABLE_MOVES: Record<RoundtableStatus, RoundtableStatus[]> = {
  planned: ['open'],
  open: ['concluded'],
  concluded: ['open'],
};

export type StatusMoveCheck =
  { ok: true; needsReason: boolean } | { ok: false; problem: 'not_allowed'; allowed: RoundtableStatus[] } | { ok: false; problem: 'admin_only' };

export function checkRoundtableMove(from: RoundtableStatus, to: RoundtableStatus, isAdmin: boolean): StatusMoveCheck {
  const allowed = ROUNDTABLE_MOVES[from];
  if (!allowed.includes(to)) return { ok: false, problem: 'not_allowed', allowed };
  const reopening = from === 'concluded';
  if (reopening && !isAdmin) return { ok: false, problem: 'admin_only' };
  return { ok: true, needsReason: reopening };
}
