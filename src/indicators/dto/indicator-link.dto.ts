import { Transform } from 'class-transformer';
import { InYearRange } from '../../common/date-range';
import { IsIn, IsISO8601, IsNumber, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { LocalizedText } from '../../common/localized-text';
import { SCOPE_TYPES, type ScopeType, type Unit } from '../catalogue';
import { ListOf } from '../../common/page-of';
import type { ActionItemStatus } from '../../shared/enums';
import type { Trajectory } from '../trajectory';
import { IndicatorRef, oneOf, ScopeView } from './indicator.dto';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const finite = { allowNaN: false, allowInfinity: false };
const dateOnly = { strict: true, strictSeparator: true };

export class CreateIndicatorLinkDto {
  /** The indicator's id or code. */
  @IsString({ message: 'indicatorId is required' })
  @MaxLength(60)
  indicatorId: string;

  @IsIn(SCOPE_TYPES, oneOf('scopeType', SCOPE_TYPES))
  scopeType: ScopeType;

  @ValidateIf((dto: CreateIndicatorLinkDto) => dto.scopeType === 'park' || dto.parkId !== undefined)
  @IsUUID('all', { message: 'parkId must be a park id (required for a park scope)' })
  parkId?: string;

  @ValidateIf((dto: CreateIndicatorLinkDto) => dto.scopeType === 'city' || dto.city !== undefined)
  @Transform(trim)
  @IsString({ message: 'city is required for a city scope' })
  @MinLength(1, { message: 'city is required for a city scope' })
  @MaxLength(80)
  city?: string;

  @ValidateIf((dto: CreateIndicatorLinkDto) => dto.scopeType === 'city' || dto.scopeType === 'province' || dto.province !== undefined)
  @Transform(trim)
  @IsString({ message: 'province is required for a city or province scope' })
  @MinLength(1, { message: 'province is required for a city or province scope' })
  @MaxLength(80)
  province?: string;

  /** e.g. sex=female to commit to the women's figure; absent for the total. */
  @Omittable()
  @IsString()
  @MaxLength(100)
  disaggregation?: string;

  @IsNumber(finite, { message: 'baselineValue must be a number' })
  baselineValue: number;

  @IsISO8601(dateOnly, { message: 'baselineDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  baselineDate: string;

  @IsNumber(finite, { message: 'targetValue must be a number' })
  targetValue: number;

  @IsISO8601(dateOnly, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  targetDate: string;
}

export class UpdateIndicatorLinkDto {
  @Omittable()
  @IsNumber(finite, { message: 'baselineValue must be a number' })
  baselineValue?: number;

  @Omittable()
  @IsISO8601(dateOnly, { message: 'baselineDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  baselineDate?: string;

  @Omittable()
  @IsNumber(finite, { message: 'targetValue must be a number' })
  targetValue?: number;

  @Omittable()
  @IsISO8601(dateOnly, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  @InYearRange()
  targetDate?: string;
}

export class IndicatorLinkParams {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'linkId must be a UUID' })
  linkId: string;
}

export class DatedValue {
  value: number;
  /** @example "2024-12-31" */
  date: string;
}

export class LatestLinkValue {
  /** @example "2025-Q2" */
  period: string;
  value: number;
  date: string;
  isDemo: boolean;
  rolledUp: boolean;

  @ApiInteger()
  parkCount?: number;

  @ApiInteger()
  expectedParkCount?: number;
}

export class IndicatorLinkView {
  id: string;
  actionItemId: string;
  indicator: IndicatorRef;
  scope: ScopeView;
  disaggregation: string;
  /** The unit of baseline, target and latest (a roll-up of a yes/no indicator is a percentage of parks). */
  unit: Unit;
  baseline: DatedValue;
  target: DatedValue;
  trajectory: Trajectory;
  /**
   * The latest verified value for a period ending after the baseline date. rolledUp: made from the scope's parks, for
   * the latest period enough of them reported for (parkCount of expectedParkCount; COVERAGE_NEEDED in aggregation.ts).
   */
  latest: LatestLinkValue | null;
  /** Where the straight line from baseline to target says the indicator should be at the latest value. */
  expected: number | null;
  /** Achieved progress over expected progress. */
  ratio: number | null;
}

/** A commitment's baseline and target for an indicator in one scope: what a chart draws as the line to reach. */
export class IndicatorTargetView {
  linkId: string;
  actionItemId: string;
  /** The commitment's title (public by design: a roadmap's commitments are what it publishes). */
  actionItemTitle: LocalizedText;
  roadmapId: string;
  indicator: IndicatorRef;
  scope: ScopeView;
  disaggregation: string;
  unit: Unit;
  baseline: DatedValue;
  target: DatedValue;
}

export class IndicatorTargetList extends ListOf(IndicatorTargetView) {}

export class HealthActionItem {
  id: string;
  title: LocalizedText;
  status: ActionItemStatus;
  leadOrganizationId: string;
}

export class IndicatorHealthItem {
  actionItem: HealthActionItem;
  /** The trajectory that needs most attention among the item's links; null when it has none. */
  trajectory: Trajectory | null;
  links: IndicatorLinkView[];
}

export class TrajectoryCounts {
  @ApiInteger()
  on_track: number;

  @ApiInteger()
  at_risk: number;

  @ApiInteger()
  off_track: number;

  @ApiInteger()
  no_data: number;
}

export class OffTrackIndicator {
  linkId: string;
  code: string;
  scope: ScopeView;
}

export class OffTrackCommitment {
  id: string;
  title: LocalizedText;
  indicators: OffTrackIndicator[];
}

export class IndicatorHealthView {
  roadmapId: string;
  asOf: string;
  counts: TrajectoryCounts;
  items: IndicatorHealthItem[];
  /** Commitments with at least one indicator off track, and which. */
  offTrack: OffTrackCommitment[];
}

export class IndicatorLinkList extends ListOf(IndicatorLinkView) {}
