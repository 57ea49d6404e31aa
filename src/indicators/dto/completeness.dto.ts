import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { Omittable } from '../../common/validation';
import type { PeriodType } from '../../shared/periods';
import type { CellStatus } from '../completeness/completeness';
import { IndicatorRef, IsPeriod, ParkRef } from './indicator.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Which parks (every park, a province, a city of it, or one park) and which periods (the last 12 by default). */
export class CompletenessQuery {
  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  province?: string;

  /** Needs the province. */
  @Omittable()
  @Transform(trim)
  @IsString()
  @MaxLength(80)
  city?: string;

  @Omittable()
  @IsUUID('all', { message: 'parkId must be a park id' })
  parkId?: string;

  @Omittable()
  @IsPeriod()
  from?: string;

  @Omittable()
  @IsPeriod()
  to?: string;
}

export class CompletenessRatesView {
  @ApiInteger()
  onTime: number;
  @ApiInteger()
  late: number;
  @ApiInteger()
  missing: number;
  @ApiInteger()
  notDue: number;
  /** Cells a value was expected for (reported or missing). */
  @ApiInteger()
  expected: number;
  /** Share of expected values reported, and reported on time (0–1); null when none was expected yet. */
  reportingRate: number | null;
  timelinessRate: number | null;
}

export class CompletenessPeriod {
  period: string;
  /** The day its value is due (YYYY-MM-DD). */
  due: string;
}

export class CompletenessParkRow {
  park: ParkRef;
  province: string;
  city: string;
  /** One per period, in the order of `periods`. */
  cells: CellStatus[];
  rates: CompletenessRatesView;
}

export class CompletenessCityRow {
  province: string;
  city: string;
  @ApiInteger()
  parks: number;
  rates: CompletenessRatesView;
}

export class CompletenessView {
  indicator: IndicatorRef;
  frequency: PeriodType;
  @ApiInteger()
  dueDays: number;
  /** The day the statuses are for (UTC). */
  today: string;
  periods: CompletenessPeriod[];
  parks: CompletenessParkRow[];
  cities: CompletenessCityRow[];
  total: CompletenessRatesView;
}

export class ReminderRun {
  /** Notifications sent to park officers. */
  @ApiInteger()
  notified: number;
}
