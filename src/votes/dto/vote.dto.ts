import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import { Omittable } from '../../common/validation';
import { IsDateTime } from '../../roundtables/dto/validators';
import { PersonRef } from '../../roundtables/dto/roundtable.dto';
import {
  CONSTITUENCIES,
  VOTE_BALLOTS,
  VOTE_KINDS,
  VOTE_RULES,
  VOTE_STATUSES,
  type Constituency,
  type VoteBallot,
  type VoteKind,
  type VoteRule,
  type VoteStatus,
} from '../../shared/enums';
import { OUTCOME_REASONS, type OutcomeReasonCode } from '../vote-rules';

const oneOf = (field: string, values: readonly string[]) => IsIn(values, { message: `${field} must be one of ${values.join(', ')}` });

/** A text trimmed of surrounding blanks; an empty one becomes null. */
const trimmedOrNull = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value));

export class VoteOptionDto {
  @IsLocalizedText({ maxLength: 300 })
  label: LocalizedText;
}

export class OpenVoteDto {
  @IsUUID('all', { message: 'decisionId must be a UUID' })
  decisionId: string;

  @oneOf('kind', VOTE_KINDS)
  kind: VoteKind;

  /** A choice vote's options (2–20), in order; their keys are '1', '2', …. Only for kind choice. */
  @ValidateIf((o: OpenVoteDto) => o.kind === 'choice' || o.options !== undefined)
  @IsArray({ message: 'options must be a list (required for a choice vote)' })
  @ArrayMinSize(2, { message: 'options must list at least 2 options' })
  @ArrayMaxSize(20, { message: 'options must list at most 20 options' })
  @ValidateNested({ each: true })
  @Type(() => VoteOptionDto)
  options?: VoteOptionDto[];

  /** How many options a voter may choose in a choice vote; 1 unless given. */
  @Omittable()
  @IsInt({ message: 'maxChoices must be an integer' })
  @Min(1, { message: 'maxChoices must be at least 1' })
  @Max(20, { message: 'maxChoices must be at most 20' })
  maxChoices?: number;

  @oneOf('ballot', VOTE_BALLOTS)
  ballot: VoteBallot;

  @oneOf('rule', VOTE_RULES)
  rule: VoteRule;

  /**
   * The quorum: each of government, employers and workers has at least one voter voting, or at least this share
   * (0–1) of its eligible voters. 0 unless given.
   */
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'quorumShare must be a number' })
  @Min(0, { message: 'quorumShare must be between 0 and 1' })
  @Max(1, { message: 'quorumShare must be between 0 and 1' })
  quorumShare?: number;

  /** Show only who has voted until the vote closes (a secret ballot always does). */
  @Omittable()
  @IsBoolean({ message: 'hideTallyUntilClose must be true or false' })
  hideTallyUntilClose?: boolean;

  /** When the vote closes by itself; without it, the facilitator closes it. */
  @Omittable()
  @IsDateTime()
  closesAt?: string;
}

/** A vote on a commitment: as on a decision, without the decision. */
export class OpenCommitmentVoteDto extends OmitType(OpenVoteDto, ['decisionId'] as const) {}

export class CastBallotDto {
  /** yes / no / abstain; agree / abstain / disagree / block; or the keys of the chosen options. */
  @IsArray({ message: 'choices must be a list' })
  @ArrayMaxSize(20, { message: 'choices may name at most 20 answers' })
  @IsString({ each: true, message: 'each choice must be a string' })
  @MaxLength(40, { each: true, message: 'each choice must be at most 40 characters' })
  choices: string[];

  /** A reason or reservation, shown with an open ballot's vote (not taken on a secret ballot). */
  @Omittable()
  @trimmedOrNull()
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsString({ message: 'reason must be a string' })
  @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  reason?: string | null;
}

export class VoteParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

// ---- views ----

export class VoteOptionView {
  key: string;
  label: LocalizedText;
}

export class GroupTallyView {
  @ApiInteger()
  voters: number;
  /** Votes per answer; empty while the tally is hidden. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  counts: Record<string, number>;
}

export class ConstituencyTallyView extends GroupTallyView {
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  /** Eligible voters of the constituency (attending participants). */
  @ApiInteger()
  eligible: number;
}

export class TallyView {
  /** Only the turnout is shown until the vote closes (secret ballot, or the facilitator's choice). */
  hidden: boolean;
  total: GroupTallyView;
  /** Every constituency, in the catalogue's order (government, employers, workers first). */
  byConstituency: ConstituencyTallyView[];
}

export class QuorumGroupView {
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  @ApiInteger()
  eligible: number;
  @ApiInteger()
  voted: number;
  @ApiInteger()
  needed: number;
  met: boolean;
}

export class QuorumView {
  met: boolean;
  groups: QuorumGroupView[];
  @ApiProperty({ enum: CONSTITUENCIES, isArray: true })
  failed: Constituency[];
}

export class OutcomeReasonView {
  @ApiProperty({ enum: OUTCOME_REASONS })
  code: OutcomeReasonCode;
  @ApiProperty({ enum: CONSTITUENCIES, nullable: true })
  constituency: Constituency | null;
  message: string;
}

export class VoteOutcomeView {
  adopted: boolean;
  /** Why it was not adopted (empty when it was): which quorum failed, which group lacked a majority, who blocked. */
  reasons: OutcomeReasonView[];
  quorum: QuorumView;
  /** A choice vote: the keys of the options that carried. */
  carried: string[];
}

/** One person's vote as others see it: under a secret ballot only that they voted, never how. */
export class BallotView {
  voter: PersonRef;
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  /** null under a secret ballot, and while an open ballot's tally is hidden. */
  choices: string[] | null;
  reason: string | null;
  updatedAt: string;
}

/** The reader's own vote: under a secret ballot, only that they voted. */
export class MyBallotView {
  voteId: string;
  /** null under a secret ballot. */
  choices: string[] | null;
  reason: string | null;
  /** How many times the vote was changed. */
  @ApiInteger()
  changes: number;
  updatedAt: string;
}

export const VOTE_TARGETS = ['decision', 'commitment'] as const;
export type VoteTargetKind = (typeof VOTE_TARGETS)[number];

/** A vote as everyone who reads its roundtable (or commitment) sees it (what events carry). */
export class VoteSummaryView {
  id: string;
  /** What the vote is on: a roundtable's draft decision (roundtableId, decisionId) or a commitment (actionItemId). */
  @ApiProperty({ enum: VOTE_TARGETS })
  target: VoteTargetKind;
  roundtableId: string | null;
  decisionId: string | null;
  actionItemId: string | null;
  @ApiProperty({ enum: VOTE_KINDS })
  kind: VoteKind;
  options: VoteOptionView[];
  @ApiInteger()
  maxChoices: number;
  @ApiProperty({ enum: VOTE_BALLOTS })
  ballot: VoteBallot;
  @ApiProperty({ enum: VOTE_RULES })
  rule: VoteRule;
  quorumShare: number;
  tallyHidden: boolean;
  closesAt: string | null;
  @ApiProperty({ enum: VOTE_STATUSES })
  status: VoteStatus;
  tally: TallyView;
  /** Once closed. */
  outcome: VoteOutcomeView | null;
  createdBy: PersonRef | null;
  closedBy: PersonRef | null;
  closedAt: string | null;
  createdAt: string;
}

export class VoteView extends VoteSummaryView {
  /** Who voted (and, under an open ballot once the tally shows, how). */
  ballots: BallotView[];
  myBallot: MyBallotView | null;
  /** Whether the reader may vote now (an attending participant, the vote open). */
  canVote: boolean;
  /** Whether the reader may close it (the roundtable's facilitators and admins). */
  canManage: boolean;
}

export class VoteList extends ListOf(VoteSummaryView) {}

/** What the outcome of a vote wrote into its decision. */
export class DecisionVoteResultView extends VoteOutcomeView {
  voteId: string;
  @ApiProperty({ enum: VOTE_RULES })
  rule: VoteRule;
  @ApiProperty({ enum: VOTE_BALLOTS })
  ballot: VoteBallot;
  tally: TallyView;
  closedAt: string;
}

/** A closed vote's outcome, with what it was on (for reports). */
export class ClosedVoteView extends DecisionVoteResultView {
  @ApiProperty({ enum: VOTE_TARGETS })
  target: VoteTargetKind;
  roundtableId: string | null;
  decisionId: string | null;
  actionItemId: string | null;
  @ApiProperty({ enum: VOTE_KINDS })
  kind: VoteKind;
}
