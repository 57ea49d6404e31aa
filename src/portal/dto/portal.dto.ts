import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import type { LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { ActionItemStatus, CompletionLevel } from '../../shared/enums';
import { CODE_PATTERN, type Unit } from '../../indicators/catalogue';
import { DatedValue } from '../../indicators/dto/indicator-link.dto';
import { IndicatorRef, ScopeView } from '../../indicators/dto/indicator.dto';
import { ActionItemStatusCounts, CompletionLevelCounts } from '../../roadmaps/dto/roadmap.dto';

export class PublicRoadmapParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class PublicSeriesParams extends PublicRoadmapParams {
  @IsString()
  @MaxLength(60)
  @Matches(CODE_PATTERN, { message: 'code must be an indicator code, e.g. GJ.GREEN_JOBS' })
  code: string;
}

/** An organization as the public sees it: an institution, never a person. */
export class PublicOrganization {
  name: LocalizedText;
  constituency: Constituency;
}

export class PublicRoadmapView {
  id: string;
  title: LocalizedText;
  description: LocalizedText;

  @ApiInteger()
  periodStart: number;

  @ApiInteger()
  periodEnd: number;

  ownerOrganization: PublicOrganization;

  @ApiInteger()
  itemCount: number;
}

export class PublicRoadmapList extends ListOf(PublicRoadmapView) {}

/** Counts over a roadmap's commitments. */
export class PublicProgress {
  @ApiInteger()
  total: number;

  byStatus: ActionItemStatusCounts;
  byCompletionLevel: CompletionLevelCounts;

  /** Past their due date and not completed or dropped. */
  @ApiInteger()
  overdue: number;

  /** Mean progress (0–100) of the commitments not dropped. */
  @ApiInteger()
  averageProgress: number;
}

/**
 * A commitment's public fields: what it is, who leads it (an organization), how far it has come. No people, no
 * positions' statements, no discussion.
 */
export class PublicCommitment {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  status: ActionItemStatus;
  completionLevel: CompletionLevel;

  @ApiInteger()
  progress: number;

  dueDate: string | null;
  overdue: boolean;
  leadOrganization: PublicOrganization;
  /** Codes of the indicators the commitment is meant to move. */
  indicatorCodes: string[];
}

/** A commitment's baseline and target for an indicator in one scope. */
export class PublicTarget {
  actionItemId: string;
  scope: ScopeView;
  disaggregation: string;
  unit: Unit;
  baseline: DatedValue;
  target: DatedValue;
}

export class PublicIndicator {
  indicator: IndicatorRef;
  targets: PublicTarget[];
}

export class PublicRoadmapDetail {
  roadmap: PublicRoadmapView;
  progress: PublicProgress;
  commitments: PublicCommitment[];
  indicators: PublicIndicator[];
  /** When this answer was put together (it is cached for a few minutes). */
  generatedAt: string;
}

/** A verified value. Roll-ups say how many of the scope's parks it is made of. */
export class PublicPoint {
  period: string;
  value: number;
  /** Generated demonstration data. */
  isDemo: boolean;

  @ApiInteger()
  parkCount?: number;

  @ApiInteger()
  expectedParkCount?: number;

  partial?: boolean;
}

/** One scope's verified series, with the targets the roadmap's commitments set for it. */
export class PublicScopeSeries {
  scope: ScopeView;
  disaggregation: string;
  unit: Unit;
  points: PublicPoint[];
  targets: PublicTarget[];
}

export class PublicSeriesView {
  roadmapId: string;
  indicator: IndicatorRef;
  series: PublicScopeSeries[];
  generatedAt: string;
}
