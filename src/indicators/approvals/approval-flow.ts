/**
 * Approval of a park's period up the levels: the park submits it, a city-level approver approves it, then a
 * province-level approver, which locks it. An admin may unlock a locked period (with a reason); it can then be
 * corrected and submitted again.
 */
export type ApprovalState = 'submitted' | 'city_approved' | 'locked' | 'reopened';
export type ApproverLevel = 'city' | 'province';
export const APPROVER_LEVELS: readonly ApproverLevel[] = ['city', 'province'];

export type ApprovalMove =
  | { ok: true; state: ApprovalState; step: 'submitted' | 'city_approved' | 'province_approved' | 'unlocked' }
  | { ok: false; status: 403 | 409; message: string };

/** The level whose approval a period in `state` awaits, or null when it awaits none. */
export const awaitedLevel = (state: ApprovalState | null): ApproverLevel | null =>
  state === 'submitted' ? 'city' : state === 'city_approved' ? 'province' : null;

export function submitMove(state: ApprovalState | null): ApprovalMove {
  if (state === null || state === 'reopened') return { ok: true, state: 'submitted', step: 'submitted' };
  if (state === 'locked') return { ok: false, status: 409, message: 'This period is approved and locked' };
  return { ok: false, status: 409, message: 'This period has been submitted already and awaits approval' };
}

/** An approval by someone holding `levels` for the park (city- and/or province-level). */
export function approveMove(state: ApprovalState | null, levels: readonly ApproverLevel[]): ApprovalMove {
  const awaited = awaitedLevel(state);
  if (!awaited) {
    return {
      ok: false,
      status: 409,
      message: state === 'locked' ? 'This period is approved and locked already' : 'This period has not been submitted for approval',
    };
  }
  if (!levels.includes(awaited)) {
    return {
      ok: false,
      status: 403,
      message: `This period awaits ${awaited}-level approval: ${levels.length ? `you approve at ${levels.join(' and ')} level` : 'you are not an approver for this park'}`,
    };
  }
  return awaited === 'city' ? { ok: true, state: 'city_approved', step: 'city_approved' } : { ok: true, state: 'locked', step: 'province_approved' };
}

export function unlockMove(state: ApprovalState | null): ApprovalMove {
  if (state !== 'locked') return { ok: false, status: 409, message: 'This period is not locked' };
  return { ok: true, state: 'reopened', step: 'unlocked' };
}
