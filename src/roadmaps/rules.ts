import { TRIPARTITE, type ActionItemStatus, type CompletionLevel, type ConsensusState, type Constituency, type Stance } from '../shared/enums';

/**
 * The commitment workflow. proposed → agreed → in_progress → completed is the main line; a commitment under way
 * can be delayed (and resumed) or dropped. Completed and dropped are final.
 */
export const STATUS_TRANSITIONS: Record<ActionItemStatus, ActionItemStatus[]> = {
  proposed: ['agreed', 'dropped'],
  agreed: ['in_progress', 'delayed', 'dropped'],
  in_progress: ['completed', 'delayed', 'dropped'],
  delayed: ['in_progress', 'dropped'],
  completed: [],
  dropped: [],
};

/** Moves that must say why. */
export const NEEDS_REASON: ActionItemStatus[] = ['delayed', 'dropped'];

export const allowedTransitions = (from: ActionItemStatus) => STATUS_TRANSITIONS[from];
export const canTransition = (from: ActionItemStatus, to: ActionItemStatus) => STATUS_TRANSITIONS[from].includes(to);

/**
 * Completion level on the Open Government Partnership's scale, from progress (0–100):
 * 0 → not_started; 1–49 → limited; 50–99 → substantial; 100 → completed.
 */
export const COMPLETION_CUTOFFS = { limited: 1, substantial: 50, completed: 100 } as const;

export function completionLevel(progress: number): CompletionLevel {
  if (progress >= COMPLETION_CUTOFFS.completed) return 'completed';
  if (progress >= COMPLETION_CUTOFFS.substantial) return 'substantial';
  if (progress >= COMPLETION_CUTOFFS.limited) return 'limited';
  return 'not_started';
}

/** Progress is the share of milestones done when there are any, else the value set by hand. */
export function progressOf(milestones: { completedAt: Date | string | null }[], manual: number): number {
  return progressFrom(milestones.length, milestones.filter((m) => m.completedAt !== null).length, manual);
}

/** progressOf from counts: `total` milestones of which `done` are done. */
export function progressFrom(total: number, done: number, manual: number): number {
  if (total === 0) return Math.max(0, Math.min(100, Math.round(manual)));
  return Math.round((done / total) * 100);
}

/**
 * Consensus over the organizations of the three ILO constituents (others are not counted):
 * contested when any of them opposes; pending when none of them has a position; consensus when government,
 * employers and workers each have at least one organization supporting (with or without reservations) and none
 * opposes; partial otherwise.
 */
export function consensusOf(positions: { constituency: Constituency; stance: Stance }[]): ConsensusState {
  const counted = positions.filter((p) => TRIPARTITE.includes(p.constituency));
  if (counted.length === 0) return 'pending';
  if (counted.some((p) => p.stance === 'oppose')) return 'contested';
  const supports = (c: Constituency) => counted.some((p) => p.constituency === c && (p.stance === 'support' || p.stance === 'support_with_reservations'));
  return TRIPARTITE.every(supports) ? 'consensus' : 'partial';
}

/** A commitment is overdue when its due date has passed and it is neither completed nor dropped. */
export function isOverdue(item: { dueDate: string | null; status: ActionItemStatus }, today = new Date()): boolean {
  if (!item.dueDate || item.status === 'completed' || item.status === 'dropped') return false;
  return item.dueDate < today.toISOString().slice(0, 10);
}
