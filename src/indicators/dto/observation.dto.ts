import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ListOf, PageOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';
import type { PersonRef } from '../../roundtables/dto/roundtable.dto';
import { CURRENT_STATUSES, SCOPE_TYPES, type CurrentStatus, type ObservationStatus, type ScopeType } from '../catalogue';
import { IndicatorRef, IsPeriod, oneOf, ScopeView } from './indicator.dto';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const finite = { allowNaN: false, allowInfinity: false };

export class ReportObservationDto {
  /** The indicator's id or code. */
  @IsString({ message: 'indicatorId is required' })
  @MaxLength(60)
  indicatorId: string;

  @IsIn(SCOPE_TYPES, oneOf('scopeType', SCOPE_TYPES))
  scopeType: ScopeType;

  @ValidateIf((dto: ReportObservationDto) => dto.scopeType === 'park' || dto.parkId !== undefined)
  @IsUUID('all', { message: 'parkId must be a park id (required for a park scope)' })
  parkId?: string;

  @ValidateIf((dto: ReportObservationDto) => dto.scopeType === 'city' || dto.city !== undefined)
  @Transform(trim)
  @IsString({ message: 'city is required for a city scope' })
  @MinLength(1, { message: 'city is required for a city scope' })
  @MaxLength(80)
  city?: string;

  @ValidateIf((dto: ReportObservationDto) => dto.scopeType === 'city' || dto.scopeType === 'province' || dto.province !== undefined)
  @Transform(trim)
  @IsString({ message: 'province is required for a city or province scope' })
  @MinLength(1, { message: 'province is required for a city or province scope' })
  @MaxLength(80)
  province?: string;

  @IsPeriod()
  period: string;

  /** e.g. sex=female; empty or absent for the total. */
  @Omittable()
  @IsString()
  @MaxLength(100)
  disaggregation?: string;

  @IsNumber(finite, { message: 'value must be a number' })
  value: number;

  @Omittable()
  @IsString()
  @MaxLength(500)
  source?: string;

  @Omittable()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class CorrectObservationDto {
  @IsNumber(finite, { message: 'value must be a number' })
  value: number;

  @Omittable()
  @IsString()
  @MaxLength(500)
  source?: string;

  /** Why the value changed, kept with it. */
  @Omittable()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class RejectObservationDto {
  @Transform(trim)
  @IsString({ message: 'reason is required to reject a value' })
  @MinLength(1, { message: 'reason is required to reject a value' })
  @MaxLength(1000)
  reason: string;
}

export const LIST_ORDERS = ['newest', 'oldest'] as const;

/** What lists and exports of observations filter by. */
export class ObservationFilter {
  /** Id or code. */
  @Omittable()
  @IsString()
  @MaxLength(60)
  indicatorId?: string;

  @Omittable()
  @IsIn(SCOPE_TYPES, oneOf('scopeType', SCOPE_TYPES))
  scopeType?: ScopeType;

  /** A park id (scopeType may then be left out), a park name, Province/City, or a province. */
  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  scope?: string;

  /** Lists hold current values only, so never a superseded one. */
  @Omittable()
  @IsIn(CURRENT_STATUSES, oneOf('status', CURRENT_STATUSES))
  status?: CurrentStatus;

  @Omittable()
  @IsPeriod()
  from?: string;

  @Omittable()
  @IsPeriod()
  to?: string;
}

export class ObservationQuery extends IntersectionType(PageQuery, ObservationFilter) {
  /** newest (default) or oldest reported first; the verification queue reads oldest first. */
  @Omittable()
  @IsIn(LIST_ORDERS, oneOf('order', LIST_ORDERS))
  order?: (typeof LIST_ORDERS)[number];
}

export class ExportQuery extends ObservationFilter {}

export class ImportQuery {
  /** Check the file and answer the report without writing anything. */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  /**
   * Admins only: rows whose status column says verified come in verified (reviewed by the importing admin, counted in
   * the audit record); for anyone else, and by default, every row is a new submission awaiting verification.
   */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'keepStatus must be true or false' })
  keepStatus?: boolean;
}

export class ExpectedRange {
  /** Open ends are null. */
  min: number | null;
  max: number | null;
}

/** What a validation rule flagged about a value that still went in. */
export class ValueWarningView {
  /** history: far from the scope's own earlier values; peers: far from other parks in the period; relation: parts by sex and the total disagree. */
  rule: 'history' | 'peers' | 'relation';
  message: string;
  expected: ExpectedRange;
}

/** A warning of one row of an import: the row as a spreadsheet numbers it, the field and the value. */
export class ImportWarning extends ValueWarningView {
  row: number;
  field: string;
  value: number;
}

export class ObservationView {
  id: string;
  indicator: IndicatorRef;
  scope: ScopeView;
  period: string;
  periodStart: string;
  periodEnd: string;
  disaggregation: string;
  value: number;
  source: string;
  notes: string;
  status: ObservationStatus;
  isDemo: boolean;
  reportedBy: PersonRef | null;
  reportedAt: string;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
  /** The value this one replaced, and the one that replaced it (then it is history, not current). */
  supersedesId: string | null;
  supersededById: string | null;
  supersededAt: string | null;
  current: boolean;
  importId: string | null;
  /** What the validation rules flagged when the value came in (empty: nothing). */
  warnings: ValueWarningView[];
  /** open: a facilitator has still to confirm the flagged value or send it back. */
  followUp: 'open' | 'confirmed' | 'sent_back' | null;
}

/** What a report or a correction did: a new value, a new value replacing the current one, or nothing new. */
export type ReportOutcome = 'inserted' | 'superseded' | 'unchanged';

export class ImportError {
  /** The row as a spreadsheet numbers it: the header is row 1, the first value row 2. */
  @ApiInteger()
  row: number;

  field: string;
  message: string;
}

export class ImportReport {
  ok: boolean;
  dryRun: boolean;

  @ApiInteger()
  rows: number;

  @ApiInteger()
  inserted: number;

  @ApiInteger()
  superseded: number;

  @ApiInteger()
  unchanged: number;

  errors: ImportError[];

  /** All errors, when more than the errors listed (the list stops at IMPORT_ERROR_LIMIT). */
  @ApiInteger()
  errorCount: number;

  importId: string | null;

  /** Rows that went in flagged (or, on a dry run, would): row, field, value, the range the rule expected. */
  warnings: ImportWarning[];

  @ApiInteger()
  warningCount: number;

  /** Rows written verified, as the file said: only when an admin keeps the file's statuses (keepStatus). */
  @ApiInteger()
  verified: number;
}

export class ObservationPage extends PageOf(ObservationView) {}
export class ObservationList extends ListOf(ObservationView) {}

export class ReportedObservationView extends ObservationView {
  outcome: ReportOutcome;
}
