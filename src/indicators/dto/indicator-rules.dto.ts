import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { Omittable } from '../../common/validation';
import { PERIOD_TYPES, type PeriodType } from '../../shared/periods';
import { oneOf } from './indicator.dto';

const finite = { allowNaN: false, allowInfinity: false };

/** An indicator's validation rules and reporting calendar. */
export class IndicatorRulesView {
  /** Errors: a value below minValue or above maxValue is refused (besides the unit's own limits). */
  minValue: number | null;
  maxValue: number | null;
  /** Warnings: robust z-score against the scope's own history / peer parks above which a value is flagged (null: off). */
  historyThreshold: number | null;
  peerThreshold: number | null;
  /** Whether values by sex are checked against the total. */
  checkRelations: boolean;
  /** Whether the relation check applies to this indicator at all (a count broken down by sex). */
  relationsApply: boolean;
  /** How often parks report, and how many days after a period ends the value is due. */
  frequency: PeriodType;
  @ApiInteger()
  dueDays: number;
}

/** Fields left out stay as they are; null turns a limit or a check off. */
export class UpdateIndicatorRulesDto {
  @IsOptional()
  @IsNumber(finite, { message: 'minValue must be a number or null' })
  minValue?: number | null;

  @IsOptional()
  @IsNumber(finite, { message: 'maxValue must be a number or null' })
  maxValue?: number | null;

  @IsOptional()
  @IsNumber(finite, { message: 'historyThreshold must be a number or null' })
  @Min(1, { message: 'historyThreshold must be at least 1' })
  @Max(100, { message: 'historyThreshold must be at most 100' })
  historyThreshold?: number | null;

  @IsOptional()
  @IsNumber(finite, { message: 'peerThreshold must be a number or null' })
  @Min(1, { message: 'peerThreshold must be at least 1' })
  @Max(100, { message: 'peerThreshold must be at most 100' })
  peerThreshold?: number | null;

  @Omittable()
  @IsBoolean({ message: 'checkRelations must be true or false' })
  checkRelations?: boolean;

  @Omittable()
  @IsIn(PERIOD_TYPES, oneOf('frequency', PERIOD_TYPES))
  frequency?: PeriodType;

  @Omittable()
  @IsInt({ message: 'dueDays must be a whole number' })
  @Min(0, { message: 'dueDays must be from 0 to 366' })
  @Max(366, { message: 'dueDays must be from 0 to 366' })
  @ApiInteger()
  dueDays?: number;
}
