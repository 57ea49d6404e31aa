import type { ImportError } from '../dto/observation.dto';
import { CSV_COLUMNS } from '../observations/csv-format';
import { fromDhis2Period } from './dhis2-periods';

/**
 * The exchange formats: SDMX-CSV 2.0 with ILOSTAT-style dimensions, and DHIS2 dataValueSets JSON. Both name a
 * scope the same way, `REF_AREA` / `orgUnit`:
 *
 *   a park          its code (parks.code, e.g. SIP-01)
 *   a city          CITY:Province/City, e.g. CITY:Jiangsu/Suzhou
 *   a province      PROVINCE:Province, e.g. PROVINCE:Jiangsu
 *
 * and a breakdown by sex the ILOSTAT way (`SEX_T` the total, `SEX_F`, `SEX_M`), which is also the DHIS2
 * categoryOptionCombo (`default` for the total, as DHIS2 names it). Values broken down by anything else (age groups)
 * have no place in these dimensions and are not exchanged.
 */

/** The columns of SDMX-CSV 2.0 as exported, in order. */
export const SDMX_COLUMNS = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'REF_AREA',
  'INDICATOR',
  'SEX',
  'TIME_PERIOD',
  'OBS_VALUE',
  'OBS_STATUS',
  'UNIT_MEASURE',
] as const;
/** The dataflow the export says its rows belong to (agency:id(version)). */
export const SDMX_DATAFLOW = 'GREENTABLE:DF_GREEN_JOBS_EIP(1.0)';
/** SDMX observation status: A a normal (here: verified) value, P provisional (awaiting verification). */
export const OBS_STATUS_VERIFIED = 'A';
export const OBS_STATUS_PROVISIONAL = 'P';

export const CITY_PREFIX = 'CITY:';
export const PROVINCE_PREFIX = 'PROVINCE:';

/** The disaggregations that can be exchanged, by their SDMX SEX code. */
export const SEX_CODES: Record<string, string> = { SEX_T: '', SEX_F: 'sex=female', SEX_M: 'sex=male' };
/** The same as DHIS2 category option combos. */
export const DHIS2_COMBOS: Record<string, string> = { default: '', SEX_F: 'sex=female', SEX_M: 'sex=male' };
export const EXCHANGED_DISAGGREGATIONS = ['', 'sex=female', 'sex=male'];

/** SQL: the SEX code of a disaggregation. */
export const sexCodeSql = (d: string, total = 'SEX_T') => `CASE ${d} WHEN 'sex=female' THEN 'SEX_F' WHEN 'sex=male' THEN 'SEX_M' ELSE '${total}' END`;

/** The scope of the platform's CSV import (scope_type, scope) for a REF_AREA / orgUnit, or null when it is empty. */
export function scopeOfRefArea(ref: string): { scopeType: string; scope: string } | null {
  const text = ref.trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  if (upper.startsWith(CITY_PREFIX)) return { scopeType: 'city', scope: text.slice(CITY_PREFIX.length).trim() };
  if (upper.startsWith(PROVINCE_PREFIX)) return { scopeType: 'province', scope: text.slice(PROVINCE_PREFIX.length).trim() };
  return { scopeType: 'park', scope: upper };
}

/** The header of the records handed to the importer (ObservationImportService.importRecords). */
export const RECORD_HEADER = [...CSV_COLUMNS, 'status'];

/** One row for the importer: the CSV import's columns, then `verified` or empty. */
export interface ImportRow {
  indicatorCode: string;
  scopeType: string;
  scope: string;
  period: string;
  disaggregation: string;
  value: string;
  source?: string;
  notes?: string;
  verified?: boolean;
}

export const toRecord = (r: ImportRow): string[] => [
  r.indicatorCode,
  r.scopeType,
  r.scope,
  r.period,
  r.disaggregation,
  r.value,
  r.source ?? '',
  r.notes ?? '',
  r.verified ? 'verified' : '',
];

/** Each import field is reported under the name the source format gives it. */
export const SDMX_FIELDS: Record<string, string> = {
  indicator_code: 'INDICATOR',
  scope_type: 'REF_AREA',
  scope: 'REF_AREA',
  period: 'TIME_PERIOD',
  disaggregation: 'SEX',
  value: 'OBS_VALUE',
};
export const DHIS2_FIELDS: Record<string, string> = {
  indicator_code: 'dataElement',
  scope_type: 'orgUnit',
  scope: 'orgUnit',
  period: 'period',
  disaggregation: 'categoryOptionCombo',
  value: 'value',
  notes: 'comment',
};

/**
 * Reads SDMX-CSV records (as the CSV reader gives them) into import records, one for one: record n of the file is record
 * n for the importer, so its row numbers are the file's. Problems it can tell on its own (a code it does not know,
 * an observation to delete, a unit that is not the indicator's) are collected in `problems`.
 */
export class SdmxRecordReader {
  readonly problems: ImportError[] = [];
  private index: Record<string, number> | null = null;
  private row = 0;
  private width = 0;

  /** @param units each indicator's unit by code, to check UNIT_MEASURE against */
  constructor(private readonly units: Map<string, string>) {}

  private fail(field: string, message: string) {
    this.problems.push({ row: this.row, field, message });
  }

  /** One record of the file in, one record for the importer out. */
  read(record: string[]): string[] {
    this.row++;
    if (!this.index) return this.header(record);
    if (record.every((cell) => cell.trim() === '')) return [''];
    if (record.length !== this.width) {
      this.fail('row', `row has ${record.length} fields; the header has ${this.width}`);
      return [''];
    }
    const cell = (name: string) => (this.index![name] === undefined ? '' : record[this.index![name]].trim());
    const action = cell('ACTION').toUpperCase();
    if (action === 'D') this.fail('ACTION', 'ACTION D (delete) is not imported: values are corrected, never deleted');
    else if (action && !['I', 'A', 'R', 'M'].includes(action)) this.fail('ACTION', `ACTION must be I, A, R or M, not "${action.slice(0, 20)}"`);
    const sex = cell('SEX').toUpperCase() || 'SEX_T';
    const disaggregation = SEX_CODES[sex];
    if (disaggregation === undefined) this.fail('SEX', `SEX must be SEX_T, SEX_F or SEX_M, not "${sex.slice(0, 40)}"`);
    const code = cell('INDICATOR').toUpperCase();
    const unit = cell('UNIT_MEASURE');
    const expected = this.units.get(code);
    if (unit && expected && unit.toUpperCase() !== expected.toUpperCase()) {
      this.fail('UNIT_MEASURE', `UNIT_MEASURE must be ${expected.toUpperCase()}, the unit of ${code}`);
    }
    const status = cell('OBS_STATUS').toUpperCase();
    const scope = scopeOfRefArea(cell('REF_AREA'));
    return toRecord({
      indicatorCode: code,
      scopeType: scope?.scopeType ?? '',
      scope: scope?.scope ?? '',
      period: cell('TIME_PERIOD'),
      disaggregation: disaggregation ?? '',
      value: cell('OBS_VALUE'),
      verified: status === OBS_STATUS_VERIFIED,
    });
  }

  private header(record: string[]): string[] {
    this.width = record.length;
    const names = record.map((n) => n.trim().toUpperCase());
    this.index = {};
    names.forEach((name, i) => {
      if (name && this.index![name] === undefined) this.index![name] = i;
    });
    for (const column of ['REF_AREA', 'INDICATOR', 'TIME_PERIOD', 'OBS_VALUE']) {
      if (this.index[column] === undefined) this.fail('header', `the column ${column} is missing (SDMX-CSV with ${SDMX_COLUMNS.join(',')})`);
    }
    return RECORD_HEADER;
  }
}

/** One DHIS2 data value, as a dataValueSet holds it. */
export interface Dhis2DataValue {
  dataElement?: unknown;
  period?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  attributeOptionCombo?: unknown;
  value?: unknown;
  comment?: unknown;
  storedBy?: unknown;
  created?: unknown;
  lastUpdated?: unknown;
  followup?: unknown;
  deleted?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/**
 * A DHIS2 dataValueSet as import records: the header, then data value n as row n + 1 (the row numbers of the report
 * are the data values' positions counted from 2, as if the set were a sheet with a header; `conflicts` say which).
 */
export function dhis2Records(set: unknown, verified: boolean): { records: string[][]; problems: ImportError[] } {
  const problems: ImportError[] = [];
  const records: string[][] = [RECORD_HEADER];
  const values = (set as { dataValues?: unknown } | null)?.dataValues;
  if (!set || typeof set !== 'object' || !Array.isArray(values)) {
    problems.push({ row: 1, field: 'dataValues', message: 'the body must be a DHIS2 dataValueSet: { "dataValues": [ … ] }' });
    return { records, problems };
  }
  values.forEach((raw: unknown, i) => {
    const row = i + 2;
    if (!raw || typeof raw !== 'object') {
      problems.push({ row, field: 'dataValue', message: 'a data value must be an object' });
      records.push(['']);
      return;
    }
    const dv = raw as Dhis2DataValue;
    if (dv.deleted === true) problems.push({ row, field: 'deleted', message: 'deleted data values are not imported: values are corrected, never deleted' });
    const combo = str(dv.categoryOptionCombo) || 'default';
    const disaggregation = Object.entries(DHIS2_COMBOS).find(([k]) => k.toLowerCase() === combo.toLowerCase())?.[1];
    if (disaggregation === undefined)
      problems.push({ row, field: 'categoryOptionCombo', message: `categoryOptionCombo must be default, SEX_F or SEX_M, not "${combo.slice(0, 40)}"` });
    const periodText = str(dv.period);
    const period = periodText ? fromDhis2Period(periodText) : null;
    if (periodText && !period)
      problems.push({
        row,
        field: 'period',
        message: `period must be a DHIS2 year (2020), quarter (2020Q3) or month (202007), not "${periodText.slice(0, 20)}"`,
      });
    const scope = scopeOfRefArea(str(dv.orgUnit));
    const comment = typeof dv.comment === 'string' ? dv.comment : '';
    records.push(
      toRecord({
        indicatorCode: str(dv.dataElement).toUpperCase(),
        scopeType: scope?.scopeType ?? '',
        scope: scope?.scope ?? '',
        period: period ?? periodText,
        disaggregation: disaggregation ?? '',
        value: str(dv.value),
        notes: comment,
        verified,
      }),
    );
  });
  return { records, problems };
}
