import { isApiError } from '../api/errors';
import { ACTION_ITEM_STATUSES, type ActionItem, type ActionItemStatus, type Role } from '../api/types';

/** Moves that must say why (the server refuses them without a reason). */
export const NEEDS_REASON: readonly ActionItemStatus[] = ['delayed', 'dropped'];
export const needsReason = (status: ActionItemStatus): boolean => NEEDS_REASON.includes(status);

export interface Mover {
  role: Role;
  organization: { id: string };
}

/** Staff, and members of the lead organization, move a commitment along (as the server decides). */
export function canDrive(user: Mover, item: Pick<ActionItem, 'leadOrganization'>): boolean {
  return user.role === 'admin' || user.role === 'facilitator' || (user.role === 'member' && user.organization.id === item.leadOrganization.id);
}

/** The statuses this user may move the card to: the item's allowed transitions, or none when they may not move it. */
export function movesFor(user: Mover, item: Pick<ActionItem, 'leadOrganization' | 'allowedTransitions'>): ActionItemStatus[] {
  if (!canDrive(user, item)) return [];
  return ACTION_ITEM_STATUSES.filter((s) => item.allowedTransitions.includes(s));
}

/** The board's columns: every status, in workflow order, each with its cards in the order given. */
export function columns<T extends Pick<ActionItem, 'status'>>(items: readonly T[]): { status: ActionItemStatus; items: T[] }[] {
  return ACTION_ITEM_STATUSES.map((status) => ({ status, items: items.filter((i) => i.status === status) }));
}

/** The board after one item changed (a move here, or a live action_item:changed): replaced in place, order kept. */
export function replaceItem<T extends Pick<ActionItem, 'id'>>(items: readonly T[], changed: T): T[] {
  return items.some((i) => i.id === changed.id) ? items.map((i) => (i.id === changed.id ? { ...i, ...changed } : i)) : [...items];
}

/** The moves a 409 answer says are allowed now (the item moved meanwhile), or null when the error is not one. */
export function allowedFromConflict(error: unknown): ActionItemStatus[] | null {
  if (!isApiError(error) || error.status !== 409 || !error.allowed) return null;
  return ACTION_ITEM_STATUSES.filter((s) => error.allowed!.includes(s));
}

/**
 * The board's grid: an equal share of the width for each open column, a narrow strip for each folded one, so that all
 * six fit a laptop's width with no sideways scrolling.
 */
export function boardTemplate(folded: readonly ActionItemStatus[]): string {
  return ACTION_ITEM_STATUSES.map((s) => (folded.includes(s) ? '2.75rem' : 'minmax(0, 1fr)')).join(' ');
}

const FOLDED_KEY = 'greentable.board.folded';

/** The columns this browser folded last time (a reading preference, kept on the device). */
export function readCollapsed(): ActionItemStatus[] {
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(FOLDED_KEY) ?? '[]');
    return Array.isArray(saved) ? ACTION_ITEM_STATUSES.filter((s) => saved.includes(s)) : [];
  } catch {
    return [];
  }
}

export function writeCollapsed(folded: readonly ActionItemStatus[]): void {
  try {
    globalThis.localStorage?.setItem(FOLDED_KEY, JSON.stringify(folded));
  } catch {
    // Private windows may refuse storage: the board still folds, only for this visit.
  }
}
