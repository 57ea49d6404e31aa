import { Column, Entity } from 'typeorm';
import { BooleanColumn, IntegerColumn, NullableTimestampColumn, NullableUuidColumn, NumericColumn, TextColumn } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import type { VoteBallot, VoteKind, VoteRule, VoteStatus } from '../../shared/enums';
import type { Tally, VoteOutcome } from '../vote-rules';

/** One option of a choice vote: its key ('1', '2', …, what ballots name) and its label. */
export interface VoteOption {
  key: string;
  label: LocalizedText;
}

/** What a vote came to, kept with it once closed (and written into its decision). */
export interface VoteResult extends VoteOutcome {
  tally: Tally;
  /** Eligible voters per constituency when the vote closed. */
  eligible: Record<string, number>;
}

/**
 * A vote on its target: a roundtable's draft decision (roundtableId and decisionId) or a commitment (actionItemId),
 * never both.
 */
@Entity('votes')
export class Vote extends Authored {
  @NullableUuidColumn()
  roundtableId: string | null;

  @NullableUuidColumn()
  decisionId: string | null;

  @NullableUuidColumn()
  actionItemId: string | null;

  @TextColumn()
  kind: VoteKind;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  options: VoteOption[];

  @IntegerColumn({ default: 1 })
  maxChoices: number;

  @TextColumn()
  ballot: VoteBallot;

  @TextColumn()
  rule: VoteRule;

  /** numeric, read back as text. */
  @NumericColumn()
  quorumShare: string;

  /** The facilitator chose to show the tally only once the vote closes (a secret ballot always does). */
  @BooleanColumn(false)
  tallyHidden: boolean;

  @NullableTimestampColumn()
  closesAt: Date | null;

  @TextColumn({ default: 'open' })
  status: VoteStatus;

  @Column({ type: 'jsonb', nullable: true })
  outcome: VoteResult | null;

  @NullableUuidColumn()
  closedById: string | null;

  @NullableTimestampColumn()
  closedAt: Date | null;
}
