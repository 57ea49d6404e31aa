import type { RelationRange } from './relations';

export type WarningRule = 'history' | 'peers' | 'relation';

/** What a rule found about a value that still went in (flagged for follow-up). */
export interface ValueWarning {
  rule: WarningRule;
  message: string;
  /** The range the rule expected; an open end is null. */
  expected: RelationRange;
}

export const WARNING_MESSAGES = {
  history: 'the value is far from its own history (robust z-score above the threshold)',
  peers: 'the value is far from peer parks in the same period (robust z-score above the threshold)',
} as const;
