import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { Omittable } from '../../common/validation';
import { CATEGORIES } from '../catalogue';
import { IsPeriod, oneOf } from './indicator.dto';
import { ImportError, ImportReport, ImportWarning } from './observation.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const dateOnly = { strict: true, strictSeparator: true };

/** Where the exported values are: a province, or a city of it. */
export class ExchangeAreaQuery {
  @Omittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  province?: string;

  /** With a province. */
  @Omittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  city?: string;
}

/** GET /api/indicators/:ref/sdmx.csv */
export class SdmxExportQuery extends ExchangeAreaQuery {
  /** Periods starting from this one (2020, 2020-Q3, 2020-07). */
  @Omittable()
  @IsPeriod()
  from?: string;

  /** Periods up to this one. */
  @Omittable()
  @IsPeriod()
  to?: string;
}

/** GET /api/exchange/sdmx.csv */
export class SdmxAllExportQuery extends SdmxExportQuery {
  /** One indicator's code or id; every indicator when left out. */
  @Omittable()
  @IsString()
  @MaxLength(60)
  indicator?: string;
}

export class SdmxImportQuery {
  /** Check the file and answer the report without writing anything. */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  /**
   * For admins, observations with OBS_STATUS A come in verified (reviewed by the importing admin, counted in the
   * audit record) unless this is false; for anyone else every row is a new submission awaiting verification.
   */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'keepStatus must be true or false' })
  keepStatus?: boolean;
}

/** GET /api/exchange/dhis2/dataValueSets */
export class Dhis2ExportQuery extends ExchangeAreaQuery {
  /** A catalogue category (green_jobs, eip_social), as DHIS2 groups data elements in data sets. */
  @Omittable()
  @IsIn(CATEGORIES, oneOf('dataSet', CATEGORIES))
  dataSet?: string;

  /** One indicator's code or id. */
  @Omittable()
  @IsString()
  @MaxLength(60)
  indicator?: string;

  /** The same as indicator, as DHIS2 names it. */
  @Omittable()
  @IsString()
  @MaxLength(60)
  dataElement?: string;

  /** A park code, CITY:Province/City or PROVINCE:Province. */
  @Omittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  orgUnit?: string;

  /** Periods starting on or after this day (YYYY-MM-DD). */
  @Omittable()
  @IsISO8601(dateOnly, { message: 'startDate must be a date (YYYY-MM-DD)' })
  startDate?: string;

  /** Periods ending on or before this day (YYYY-MM-DD). */
  @Omittable()
  @IsISO8601(dateOnly, { message: 'endDate must be a date (YYYY-MM-DD)' })
  endDate?: string;
}

export class Dhis2ImportQuery {
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  /**
   * Admins only (403 for anyone else): the values come in verified, reviewed by the importing admin (the audit record
   * counts them), as official figures from another system. By default every value is a submission awaiting verification.
   */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'verified must be true or false' })
  verified?: boolean;
}

export class Dhis2DataValueView {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  storedBy: string;
  /** ISO 8601, UTC. */
  created: string;
  lastUpdated: string;
  comment: string;
  followup: boolean;
}

export class Dhis2DataValueSet {
  dataValues: Dhis2DataValueView[];
}

export class Dhis2ImportCount {
  /** Values new to the platform. */
  @ApiInteger()
  imported: number;

  /** Values that replaced a different current value (as a correction: the earlier one is kept in its history). */
  @ApiInteger()
  updated: number;

  /** Values identical to the current value (nothing written), or, when the set is refused, every value. */
  @ApiInteger()
  ignored: number;

  /** Always 0: values are never deleted. */
  @ApiInteger()
  deleted: number;
}

export class Dhis2Conflict {
  /** The data value's field. */
  object: string;
  /** What is wrong with it. */
  value: string;
  /** The data value's position in dataValues, counted from 2 (as the rows of a sheet under its header). */
  @ApiInteger()
  row: number;
}

/** What DHIS2 answers to a dataValueSets import, with the platform's own row report beside it. */
export class Dhis2ImportSummary {
  responseType: 'ImportSummary';
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description: string;
  importCount: Dhis2ImportCount;
  conflicts: Dhis2Conflict[];
  dryRun: boolean;
  importId: string | null;
  /** Values that went in flagged by the validation rules. */
  warnings: ImportWarning[];
  /** Values written verified (verified=true, admins). */
  @ApiInteger()
  verified: number;
}

export { ImportError, ImportReport };
