import type { MinutesStatus } from './entities/minutes-record.entity';

/**
 * The moves a roundtable's minutes may make: circulated for comment (and withdrawn to draft for rework), adopted by a
 * facilitator, then locked for filing. Adopted minutes never change again except by numbered corrigenda; locked
 * minutes take none.
 */
export const MINUTES_MOVES: Record<MinutesStatus, MinutesStatus[]> = {
  draft: ['circulated'],
  circulated: ['draft', 'adopted'],
  adopted: ['locked'],
  locked: [],
};

export type MinutesMoveCheck = { ok: true } | { ok: false; allowed: MinutesStatus[] };

export function checkMinutesMove(from: MinutesStatus, to: MinutesStatus): MinutesMoveCheck {
  const allowed = MINUTES_MOVES[from];
  return allowed.includes(to) ? { ok: true } : { ok: false, allowed };
}

/** The minutes' text may be edited while draft or circulated; afterwards only corrigenda (while adopted) change the record. */
export const minutesEditable = (status: MinutesStatus) => status === 'draft' || status === 'circulated';
export const takesCorrigenda = (status: MinutesStatus) => status === 'adopted';
