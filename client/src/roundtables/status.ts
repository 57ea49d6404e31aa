import type { Role, RoundtableStatus } from '../api/types';

/** The status moves of a roundtable, as the server allows them (src/roundtables/roundtable-status.ts). */
const MOVES: Record<RoundtableStatus, RoundtableStatus[]> = {
  planned: ['open'],
  open: ['concluded'],
  concluded: ['open'],
};

export interface RoundtableMove {
  to: RoundtableStatus;
  /** Reopening a concluded roundtable: admins only, and they must say why. */
  reopen: boolean;
}

/** The moves a manager of the roundtable may make from here; reopening is offered to admins only. */
export function roundtableMoves(from: RoundtableStatus, role: Role): RoundtableMove[] {
  return MOVES[from].map((to) => ({ to, reopen: from === 'concluded' })).filter((move) => !move.reopen || role === 'admin');
}
