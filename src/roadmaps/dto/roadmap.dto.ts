import { TranslationView } from '../../translations/dto/views';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InYearRange } from '../../common/date-range';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { PersonRef } from '../../roundtables/dto/roundtable.dto';
import {
  ACTION_ITEM_SORTS,
  ACTION_ITEM_STATUSES,
  POLICY_AREAS,
  PRIORITIES,
  STANCES,
  type ActionItemSort,
  type ActionItemStatus,
  type CompletionLevel,
  type ConsensusState,
  type PolicyArea,
  type Priority,
  type Stance,
} from '../../shared/enums';
import { Omittable } from '../../common/validation';
import { DecisionVoteResultView } from '../../votes/dto/vote.dto';
import { ApiInteger } from '../../common/decorators';

const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
const dateOnly = { strict: true, strictSeparator: true };

export class CreateRoadmapDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodStart: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodEnd: number;

  @IsUUID('all', { message: 'ownerOrganizationId must be a UUID' })
  ownerOrganizationId: string;
}

export class UpdateRoadmapDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodStart?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodEnd?: number;

  @Omittable()
  @IsUUID('all', { message: 'ownerOrganizationId must be a UUID' })
  ownerOrganizationId?: string;

  /** Publish the roadmap on the public portal (true) or take it off (false). */
  @Omittable()
  @IsBoolean({ message: 'public must be true or false' })
  public?: boolean;
}

export class CreateActionItemDto {
  @IsUUID('all', { message: 'roadmapId must be a UUID' })
  roadmapId: string;

  /** A roundtable decision to promote: its text becomes the title unless one is given, and the link is kept both ways. */
  @Omittable()
  @IsUUID('all', { message: 'originDecisionId must be a UUID' })
  originDecisionId?: string;

  @ValidateIf((dto: CreateActionItemDto) => !dto.originDecisionId || dto.title !== undefined)
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @Omittable()
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string;

  @IsUUID('all', { message: 'leadOrganizationId must be a UUID' })
  leadOrganizationId: string;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'supportingOrganizationIds must hold UUIDs' })
  supportingOrganizationIds?: string[];

  @Omittable()
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string;

  @Omittable()
  @IsIn(PRIORITIES, oneOf('priority', PRIORITIES))
  priority?: Priority;

  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea: PolicyArea;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;
}

export class UpdateActionItemDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string | null;

  @Omittable()
  @IsUUID('all', { message: 'leadOrganizationId must be a UUID' })
  leadOrganizationId?: string;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'supportingOrganizationIds must hold UUIDs' })
  supportingOrganizationIds?: string[];

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string | null;

  @Omittable()
  @IsIn(PRIORITIES, oneOf('priority', PRIORITIES))
  priority?: Priority;

  @Omittable()
  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea?: PolicyArea;

  /** Used only while the item has no milestones. */
  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  /** Why the edit was made, kept in the history. */
  @Omittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ChangeStatusDto {
  @IsIn(ACTION_ITEM_STATUSES, oneOf('status', ACTION_ITEM_STATUSES))
  status: ActionItemStatus;

  @Omittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const toArray = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value);

export class ActionItemQuery extends PageQuery {
  @Omittable()
  @IsUUID('all', { message: 'roadmapId must be a UUID' })
  roadmapId?: string;

  @Omittable()
  @Transform(toArray)
  @IsIn(ACTION_ITEM_STATUSES, { each: true, message: `status must be one or more of ${ACTION_ITEM_STATUSES.join(', ')}` })
  status?: ActionItemStatus[];

  @Omittable()
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string;

  /** Items this organization leads or supports. */
  @Omittable()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @Omittable()
  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea?: PolicyArea;

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Omittable()
  @IsIn(ACTION_ITEM_SORTS, oneOf('sort', ACTION_ITEM_SORTS))
  sort?: ActionItemSort;
}

export class CreateMilestoneDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @Omittable()
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string;
}

export class UpdateMilestoneDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string | null;

  @Omittable()
  @IsBoolean({ message: 'completed must be true or false' })
  completed?: boolean;
}

export class MilestoneParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'milestoneId must be a UUID' })
  milestoneId: string;
}

export class StatePositionDto {
  @IsIn(STANCES, oneOf('stance', STANCES))
  stance: Stance;

  @Omittable()
  @IsString()
  @MaxLength(4000)
  statement?: string;
}

export class MilestoneView {
  id: string;
  title: LocalizedText;
  dueDate: string | null;
  completedAt: string | null;

  @ApiInteger()
  position: number;
}

export class PositionView {
  id: string;
  organization: OrganizationView;
  stance: Stance;
  statement: string;
  author: PersonRef | null;
  createdAt: string;
  supersededAt: string | null;
  /** Translations of the statement added later (served beside it, never instead of it). */
  translations: TranslationView[];
}

export class WorkingGroupRef {
  id: string;
  name: LocalizedText;
}

/** The roundtable decision a commitment was promoted from, if any. */
export class ActionItemOrigin {
  roundtableId: string | null;
  decisionId: string | null;
}

export class MilestoneCounts {
  @ApiInteger()
  total: number;

  @ApiInteger()
  done: number;
}

export class ActionItemView {
  id: string;
  roadmapId: string;
  title: LocalizedText;
  description: LocalizedText;
  workingGroup: WorkingGroupRef | null;
  leadOrganization: OrganizationView;
  supportingOrganizations: OrganizationView[];
  origin: ActionItemOrigin;
  dueDate: string | null;
  priority: Priority;
  policyArea: PolicyArea;
  status: ActionItemStatus;
  statusReason: string | null;
  allowedTransitions: ActionItemStatus[];

  @ApiInteger()
  progress: number;

  progressFromMilestones: boolean;
  completionLevel: CompletionLevel;
  consensus: ConsensusState;
  milestones: MilestoneCounts;
  overdue: boolean;
  /** What the last closed vote on it came to: adopted or not and why, with its tallies per constituency. */
  voteResult: DecisionVoteResultView | null;
  createdAt: string;
  updatedAt: string;
}

/** What a roadmap's progress dashboard counts and names of a commitment (ActionItemsService.tallyInRoadmap). */
export type ActionItemTally = Pick<
  ActionItemView,
  'id' | 'title' | 'dueDate' | 'status' | 'progress' | 'completionLevel' | 'consensus' | 'overdue' | 'workingGroup' | 'leadOrganization'
>;

/** What the reader may do with a commitment. */
export class ActionItemPermissions {
  changeStatus: boolean;
  edit: boolean;
  statePosition: boolean;
}

export class ActionItemDetailView extends ActionItemView {
  /** Translations of the status reason added later. */
  statusReasonTranslations: TranslationView[];
  milestoneList: MilestoneView[];
  positions: PositionView[];
  /** Whether the reader may move its status, edit milestones, state a position. */
  can: ActionItemPermissions;
}

export class RoadmapView {
  id: string;
  title: LocalizedText;
  description: LocalizedText;

  @ApiInteger()
  periodStart: number;

  @ApiInteger()
  periodEnd: number;

  ownerOrganization: OrganizationView;

  @ApiInteger()
  itemCount: number;

  /** Published on the public portal. */
  public: boolean;

  createdAt: string;
}

export class ActionItemList extends ListOf(ActionItemView) {}
export class PositionList extends ListOf(PositionView) {}
export class MilestoneList extends ListOf(MilestoneView) {}
export class RoadmapList extends ListOf(RoadmapView) {}

export class ActionItemStatusCounts {
  @ApiInteger()
  proposed: number;

  @ApiInteger()
  agreed: number;

  @ApiInteger()
  in_progress: number;

  @ApiInteger()
  completed: number;

  @ApiInteger()
  delayed: number;

  @ApiInteger()
  dropped: number;
}

export class CompletionLevelCounts {
  @ApiInteger()
  not_started: number;

  @ApiInteger()
  limited: number;

  @ApiInteger()
  substantial: number;

  @ApiInteger()
  completed: number;
}

export class ConsensusCounts {
  @ApiInteger()
  consensus: number;

  @ApiInteger()
  partial: number;

  @ApiInteger()
  contested: number;

  @ApiInteger()
  pending: number;
}

/** How a set of commitments is doing. */
export class ProgressTally {
  @ApiInteger()
  total: number;

  byStatus: ActionItemStatusCounts;

  /** Past their due date and not completed or dropped. */
  @ApiInteger()
  overdue: number;

  /** The mean progress (0–100) of the commitments that are not dropped. */
  @ApiInteger()
  averageProgress: number;

  byCompletionLevel: CompletionLevelCounts;
  byConsensus: ConsensusCounts;
}

export class OverdueItem {
  id: string;
  title: LocalizedText;
  dueDate: string | null;
  status: ActionItemStatus;
  leadOrganization: OrganizationView;
}

export class WorkingGroupProgress extends ProgressTally {
  /** null for the commitments of no working group. */
  workingGroup: WorkingGroupRef | null;
}

export class ConstituencyProgress extends ProgressTally {
  /** The constituency of the lead organization. */
  constituency: Constituency;
}

export class RoadmapProgressView extends ProgressTally {
  roadmapId: string;
  overdueItems: OverdueItem[];
  byWorkingGroup: WorkingGroupProgress[];
  byLeadConstituency: ConstituencyProgress[];
}
