import { CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IntegerColumn, ListColumn, NullableTextColumn, TextColumn } from '../../common/columns';
import type { Constituency } from '../../shared/enums';

/**
 * One person's vote: replaced, not added to, when they change it, so each person counts once. Under a secret ballot
 * the choices are kept only to be counted: no route or event ever shows them.
 */
@Entity('vote_ballots')
export class VoteBallotRow {
  @PrimaryColumn({ type: 'uuid' })
  voteId: string;

  @PrimaryColumn({ type: 'uuid' })
  voterId: string;

  /** The voter's constituency when they voted. */
  @TextColumn()
  constituency: Constituency;

  @ListColumn('text')
  choices: string[];

  @NullableTextColumn()
  reason: string | null;

  /** How many times the voter changed their vote. */
  @IntegerColumn({ default: 0 })
  changes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
