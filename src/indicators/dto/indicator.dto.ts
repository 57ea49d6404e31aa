import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import {
  AGGREGATIONS,
  CATEGORIES,
  CODE_PATTERN,
  DIRECTIONS,
  DISAGGREGATION_KEYS,
  SCOPE_TYPES,
  UNITS,
  type Aggregation,
  type Direction,
  type IndicatorCategory,
  type ScopeType,
  type Unit,
} from '../catalogue';
import { parsePeriod, PERIOD_FORMAT_MESSAGE } from '../../shared/periods';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

export const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of ${values.join(', ')}` });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const CODE_MESSAGE = { message: 'code must be upper-case words joined by dots, e.g. GJ.GREEN_JOBS' };
const DIMENSION = /^[a-z][a-z0-9_]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** A period text (2020, 2020-Q3, 2020-07) in a query or body. */
export function IsPeriod(validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPeriod',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parsePeriod(value) !== null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${PERIOD_FORMAT_MESSAGE}`,
      },
    });
}

/** An indicator named by its id or its code (both are stable once it has data). */
export class IndicatorRefParam {
  @IsString()
  @MaxLength(60)
  @Matches(new RegExp(`${UUID.source}|${CODE_PATTERN.source}`, 'i'), { message: 'id must be an indicator id or code' })
  id: string;
}

export class CreateIndicatorDto {
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  code: string;

  @IsIn(CATEGORIES, oneOf('category', CATEGORIES))
  category: IndicatorCategory;

  @Transform(trim)
  @IsString()
  @MaxLength(60)
  @Matches(DIMENSION, { message: 'dimension must be lower-case words joined by _, e.g. social_dialogue' })
  dimension: string;

  @IsLocalizedText({ maxLength: 200 })
  name: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 2000, required: false })
  definition?: LocalizedText;

  @IsIn(UNITS, oneOf('unit', UNITS))
  unit: Unit;

  @IsIn(DIRECTIONS, oneOf('direction', DIRECTIONS))
  direction: Direction;

  @IsIn(AGGREGATIONS, oneOf('aggregation', AGGREGATIONS))
  aggregation: Aggregation;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(DISAGGREGATION_KEYS.length)
  @IsIn(DISAGGREGATION_KEYS, { each: true, message: `disaggregations must hold only ${DISAGGREGATION_KEYS.join(', ')}` })
  disaggregations?: string[];

  @Omittable()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class UpdateIndicatorDto {
  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  @Matches(CODE_PATTERN, CODE_MESSAGE)
  code?: string;

  @Omittable()
  @IsIn(CATEGORIES, oneOf('category', CATEGORIES))
  category?: IndicatorCategory;

  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  @Matches(DIMENSION, { message: 'dimension must be lower-case words joined by _, e.g. social_dialogue' })
  dimension?: string;

  @Omittable()
  @IsLocalizedText({ maxLength: 200 })
  name?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 2000, required: false })
  definition?: LocalizedText;

  @Omittable()
  @IsIn(UNITS, oneOf('unit', UNITS))
  unit?: Unit;

  @Omittable()
  @IsIn(DIRECTIONS, oneOf('direction', DIRECTIONS))
  direction?: Direction;

  @Omittable()
  @IsIn(AGGREGATIONS, oneOf('aggregation', AGGREGATIONS))
  aggregation?: Aggregation;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(DISAGGREGATION_KEYS.length)
  @IsIn(DISAGGREGATION_KEYS, { each: true, message: `disaggregations must hold only ${DISAGGREGATION_KEYS.join(', ')}` })
  disaggregations?: string[];

  @Omittable()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class IndicatorQuery {
  @Omittable()
  @IsIn(CATEGORIES, oneOf('category', CATEGORIES))
  category?: IndicatorCategory;

  @Omittable()
  @IsString()
  @MaxLength(60)
  dimension?: string;

  /** Matches code, name (either language) or dimension. */
  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export const SERIES_STATUSES = ['verified', 'all'] as const;

/** One scope named as in the CSV files: a park id or name, Province/City (or a city name), a province name. */
export class ScopeQuery {
  @Omittable()
  @IsIn(SCOPE_TYPES, oneOf('scopeType', SCOPE_TYPES))
  scopeType?: ScopeType;

  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  scope?: string;
}

export class SeriesQuery {
  @IsIn(SCOPE_TYPES, oneOf('scopeType', SCOPE_TYPES))
  scopeType: ScopeType;

  @Transform(trim)
  @IsString({ message: 'scope is required' })
  @MaxLength(200)
  scope: string;

  @Omittable()
  @IsPeriod()
  from?: string;

  @Omittable()
  @IsPeriod()
  to?: string;

  @Omittable()
  @IsString()
  @MaxLength(100)
  disaggregation?: string;

  /** verified (the default) or all: submitted values too, marked as such. Rejected values never count. */
  @Omittable()
  @IsIn(SERIES_STATUSES, oneOf('status', SERIES_STATUSES))
  status?: (typeof SERIES_STATUSES)[number];
}

/** A park's indicator overview: verified values, or with status=all submitted ones too (not for observers). */
export class ParkIndicatorsQuery {
  @Omittable()
  @IsIn(SERIES_STATUSES, oneOf('status', SERIES_STATUSES))
  status?: (typeof SERIES_STATUSES)[number];
}

export class IndicatorView {
  id: string;
  code: string;
  category: IndicatorCategory;
  dimension: string;
  name: LocalizedText;
  definition: LocalizedText;
  unit: Unit;
  direction: Direction;
  aggregation: Aggregation;
  disaggregations: string[];
  source: string;
  /** The source in Chinese ('' when not given). */
  sourceZh: string;
  /** Whether observations exist (then the code and unit are locked). */
  hasObservations: boolean;
}

/** The indicator as other views embed it. */
export class IndicatorRef {
  id: string;
  code: string;
  name: LocalizedText;
  unit: Unit;
  direction: Direction;
}

export class ParkRef {
  id: string;
  name: LocalizedText;
}

export class ScopeView {
  type: ScopeType;
  park: ParkRef | null;
  province: string | null;
  city: string | null;
  /** As the CSV files write it: the park id, Province/City, or the province. */
  key: string;
}

export class SeriesPoint {
  period: string;
  value: number;
  status: 'verified' | 'submitted';
  isDemo: boolean;
  /**
   * Roll-ups only: how many of the scope's parks the value is made of, whether that is too few to stand for the
   * scope (COVERAGE_NEEDED in aggregation.ts), and whether a weighted mean could weight them all.
   */
  @ApiInteger()
  parkCount?: number;

  @ApiInteger()
  expectedParkCount?: number;

  partial?: boolean;
  weighted?: boolean;
}

export class SeriesView {
  indicator: IndicatorRef;
  scope: ScopeView;
  disaggregation: string;
  /** The unit of the points: a roll-up of a yes/no indicator is a percentage of parks. */
  unit: Unit;
  /** 'direct' when the scope's own observations are shown, else the roll-up rule over its parks. */
  rule: 'direct' | Aggregation;
  weightedBy: string | null;
  parks: ParkRef[];
  points: SeriesPoint[];
}

/** One value of a park's total (no disaggregation). */
export class ParkIndicatorValue {
  period: string;
  value: number;
  status: 'verified' | 'submitted';
  isDemo: boolean;
}

export class ParkIndicatorView {
  indicator: IndicatorRef;
  unit: Unit;
  /** The park's latest value of the indicator (null when it has none), and the one before it, for a trend. */
  latest: ParkIndicatorValue | null;
  previous: ParkIndicatorValue | null;
}

export class ParkIndicatorsView {
  park: ParkRef;
  /** Every indicator of the catalogue, by code. */
  items: ParkIndicatorView[];
}

export class IndicatorList extends ListOf(IndicatorView) {}
