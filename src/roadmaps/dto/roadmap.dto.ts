import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InYearRange } from '../../common/date-range';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { PersonRef } from '../../roundtables/dto/roundtable.dto';
import {
  ACTION_ITEM_STATUSES,
  POLICY_AREAS,
  PRIORITIES,
  STANCES,
  type ActionItemStatus,
  type CompletionLevel,
  type ConsensusState,
  type PolicyArea,
  type Priority,
  type Stance,
} from '../../shared/enums';

const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
const dateOnly = { strict: true, strictSeparator: true };

export class CreateRoadmapDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @IsOptional()
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
  @IsOptional()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @IsOptional()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodStart?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  periodEnd?: number;

  @IsOptional()
  @IsUUID('all', { message: 'ownerOrganizationId must be a UUID' })
  ownerOrganizationId?: string;
}

export class CreateActionItemDto {
  @IsUUID('all', { message: 'roadmapId must be a UUID' })
  roadmapId: string;

  /** A roundtable decision to promote: its text becomes the title unless one is given, and the link is kept both ways. */
  @IsOptional()
  @IsUUID('all', { message: 'originDecisionId must be a UUID' })
  originDecisionId?: string;

  @ValidateIf((dto: CreateActionItemDto) => !dto.originDecisionId || dto.title !== undefined)
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @IsOptional()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @IsOptional()
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string;

  @IsUUID('all', { message: 'leadOrganizationId must be a UUID' })
  leadOrganizationId: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'supportingOrganizationIds must hold UUIDs' })
  supportingOrganizationIds?: string[];

  @IsOptional()
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string;

  @IsOptional()
  @IsIn(PRIORITIES, oneOf('priority', PRIORITIES))
  priority?: Priority;

  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea: PolicyArea;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;
}

export class UpdateActionItemDto {
  @IsOptional()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @IsOptional()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string | null;

  @IsOptional()
  @IsUUID('all', { message: 'leadOrganizationId must be a UUID' })
  leadOrganizationId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'supportingOrganizationIds must hold UUIDs' })
  supportingOrganizationIds?: string[];

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string | null;

  @IsOptional()
  @IsIn(PRIORITIES, oneOf('priority', PRIORITIES))
  priority?: Priority;

  @IsOptional()
  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea?: PolicyArea;

  /** Used only while the item has no milestones. */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;

  /** Why the edit was made, kept in the history. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ChangeStatusDto {
  @IsIn(ACTION_ITEM_STATUSES, oneOf('status', ACTION_ITEM_STATUSES))
  status: ActionItemStatus;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

const toArray = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value);

export class ActionItemQuery extends PageQuery {
  @IsOptional()
  @IsUUID('all', { message: 'roadmapId must be a UUID' })
  roadmapId?: string;

  @IsOptional()
  @Transform(toArray)
  @IsIn(ACTION_ITEM_STATUSES, { each: true, message: `status must be one or more of ${ACTION_ITEM_STATUSES.join(', ')}` })
  status?: ActionItemStatus[];

  @IsOptional()
  @IsUUID('all', { message: 'workingGroupId must be a UUID' })
  workingGroupId?: string;

  /** Items this organization leads or supports. */
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;

  @IsOptional()
  @IsIn(POLICY_AREAS, oneOf('policyArea', POLICY_AREAS))
  policyArea?: PolicyArea;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(['dueDate', '-dueDate', 'priority', '-priority', 'status', 'updatedAt', '-updatedAt', 'title'], {
    message: 'sort must be one of dueDate, -dueDate, priority, -priority, status, updatedAt, -updatedAt, title',
  })
  sort?: string;
}

export class CreateMilestoneDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @IsOptional()
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string;
}

export class UpdateMilestoneDto {
  @IsOptional()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsISO8601(dateOnly, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  dueDate?: string | null;

  @IsOptional()
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

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  statement?: string;
}

export class MilestoneView {
  id: string;
  title: LocalizedText;
  dueDate: string | null;
  completedAt: string | null;
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
  total: number;
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
  progress: number;
  progressFromMilestones: boolean;
  completionLevel: CompletionLevel;
  consensus: ConsensusState;
  milestones: MilestoneCounts;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the reader may do with a commitment. */
export class ActionItemPermissions {
  changeStatus: boolean;
  edit: boolean;
  statePosition: boolean;
}

export class ActionItemDetailView extends ActionItemView {
  milestoneList: MilestoneView[];
  positions: PositionView[];
  /** Whether the reader may move its status, edit milestones, state a position. */
  can: ActionItemPermissions;
}

export class RoadmapView {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  periodStart: number;
  periodEnd: number;
  ownerOrganization: OrganizationView;
  itemCount: number;
  createdAt: string;
}

export class ActionItemList extends ListOf(ActionItemView) {}
export class PositionList extends ListOf(PositionView) {}
export class MilestoneList extends ListOf(MilestoneView) {}
export class RoadmapList extends ListOf(RoadmapView) {}

export class ActionItemStatusCounts {
  proposed: number;
  agreed: number;
  in_progress: number;
  completed: number;
  delayed: number;
  dropped: number;
}

export class CompletionLevelCounts {
  not_started: number;
  limited: number;
  substantial: number;
  completed: number;
}

export class ConsensusCounts {
  consensus: number;
  partial: number;
  contested: number;
  pending: number;
}

/** How a set of commitments is doing. */
export class ProgressTally {
  total: number;
  byStatus: ActionItemStatusCounts;
  /** Past their due date and not completed or dropped. */
  overdue: number;
  /** The mean progress (0–100) of the commitments that are not dropped. */
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
