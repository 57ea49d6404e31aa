import { Injectable } from '@nestjs/common';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { copyOut } from '../observations/observation-export.repository';
import {
  CITY_PREFIX,
  EXCHANGED_DISAGGREGATIONS,
  OBS_STATUS_PROVISIONAL,
  OBS_STATUS_VERIFIED,
  PROVINCE_PREFIX,
  SDMX_DATAFLOW,
  sexCodeSql,
} from './exchange-format';

/** Which verified current values an exchange export holds. Every value has been validated by the caller. */
export interface ExchangeFilter {
  indicatorId?: string;
  /** The indicators of a catalogue category (a DHIS2 data set). */
  category?: string;
  /** One REF_AREA / orgUnit (a park code, CITY:Province/City or PROVINCE:Province). */
  refArea?: string;
  /** Every scope in a province (its parks, cities and the province itself), or in one of its cities. */
  province?: string;
  city?: string;
  /** Periods starting on or after this day. */
  startsFrom?: string;
  /** Periods ending on or before this day. */
  endsUntil?: string;
}

const lit = (v: string) => escapeLiteral(v);

/** Sort memory for an export (the scopes it goes through, each scope's values). */
const EXPORT_WORK_MEM = '64MB';

/** The conditions on the value itself (`o`): current, verified, a breakdown that can be exchanged, the periods asked for. */
function valueWhereSql(filter: ExchangeFilter): string {
  const where = ['o.superseded_at IS NULL', `o.status = 'verified'`, `o.disaggregation IN (${EXCHANGED_DISAGGREGATIONS.map(lit).join(', ')})`];
  if (filter.startsFrom) where.push(`o.period_start >= ${lit(filter.startsFrom)}`);
  if (filter.endsUntil) where.push(`o.period_end <= ${lit(filter.endsUntil)}`);
  return where.join(' AND ');
}

/** The conditions on the indicator (`i`). */
function indicatorWhereSql(filter: ExchangeFilter): string {
  const where = ['true'];
  if (filter.indicatorId) where.push(`i.id = ${lit(filter.indicatorId)}`);
  if (filter.category) where.push(`i.category = ${lit(filter.category)}`);
  return where.join(' AND ');
}

/** The conditions on the scope (`s`: its REF_AREA, and the province and city it lies in). */
function scopeWhereSql(filter: ExchangeFilter): string {
  const where = ['true'];
  if (filter.refArea) where.push(`s.ref_area = ${lit(filter.refArea)}`);
  if (filter.province) where.push(`s.in_province = ${lit(filter.province)}`);
  if (filter.city) where.push(`s.in_city = ${lit(filter.city)}`);
  return where.join(' AND ');
}

/** The columns of a value an export reads; those of an SDMX row are all in the current-value index of parks. */
const VALUE_COLUMNS = ['disaggregation', 'period', 'period_start', 'value', 'status'];

/**
 * One export as a single statement, in the order of indicator code, REF_AREA, breakdown (the total, then women, then
 * men) and period, so that two exports of the same values are the same bytes. `columns` (name → SQL) may use `s` (the
 * scope: indicator_id, indicator_code, unit, ref_area), `o` (the value: VALUE_COLUMNS and `extraColumns`) and `u` (the
 * reporter, when `reported_by_id` is among `extraColumns`).
 *
 * Built to stream without sorting the values: the scopes (each indicator × each park, and each city or province with
 * values of its own) are listed and sorted first, a few thousand small rows; then each scope's values are read in
 * order along its current-value index (for a park, from the index alone), so PostgreSQL sorts only within a scope. An
 * indicator nationally (150,000 values) sorted whole took three times as long, and a plain join was planned as a scan
 * of the whole table.
 */
function exportSql(filter: ExchangeFilter, columns: Record<string, string>, extraColumns: string[] = []): string {
  const values = valueWhereSql(filter);
  const indicators = indicatorWhereSql(filter);
  const read = [...VALUE_COLUMNS, ...extraColumns].map((c) => `o.${c}`).join(', ');
  const reporter = extraColumns.includes('reported_by_id') ? 'LEFT JOIN users u ON u.id = o.reported_by_id' : '';
  const areaRef = `CASE a.scope_type WHEN 'city' THEN '${CITY_PREFIX}' || a.province || '/' || a.city ELSE '${PROVINCE_PREFIX}' || a.province END`;
  return `
    SELECT ${Object.entries(columns)
      .map(([name, sql]) => `${sql} AS "${name}"`)
      .join(', ')}
      FROM (
        SELECT i.id AS indicator_id, i.code AS indicator_code, i.unit, p.id AS park_id, ''::text AS province, ''::text AS city,
               p.code AS ref_area, p.province AS in_province, p.city AS in_city
          FROM indicators i CROSS JOIN parks p WHERE ${indicators}
        UNION ALL
        SELECT DISTINCT i.id, i.code, i.unit, NULL::uuid, a.province, a.city, ${areaRef}, a.province, a.city
          FROM observations a JOIN indicators i ON i.id = a.indicator_id
         WHERE a.park_id IS NULL AND a.superseded_at IS NULL AND ${indicators}
        ORDER BY indicator_code, ref_area
      ) s
     CROSS JOIN LATERAL (
       SELECT ${read} FROM observations o
        WHERE s.park_id IS NOT NULL AND o.indicator_id = s.indicator_id AND o.park_id = s.park_id AND o.park_id IS NOT NULL AND ${values}
       UNION ALL
       SELECT ${read} FROM observations o
        WHERE s.park_id IS NULL AND o.indicator_id = s.indicator_id AND o.park_id IS NULL AND o.province = s.province AND o.city = s.city
          AND ${values}
       ORDER BY disaggregation, period_start, period
     ) o
     ${reporter}
     WHERE ${scopeWhereSql(filter)}
     ORDER BY s.indicator_code, s.ref_area, o.disaggregation, o.period_start, o.period`;
}

/**
 * Wraps the JSON objects COPY writes one per line into a DHIS2 dataValueSet, `{"dataValues":[…]}`, as they stream.
 * JSON text holds no raw line break, so every line break in the stream ends an object.
 */
class JsonLinesToSet extends Transform {
  private started = false;
  private pendingComma = false;

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.started) {
      this.push('{"dataValues":[');
      this.started = true;
    }
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(10, from);
      const end = newline < 0 ? chunk.length : newline;
      if (end > from) {
        if (this.pendingComma) this.push(',');
        this.pendingComma = false;
        this.push(chunk.subarray(from, end));
      }
      if (newline < 0) break;
      this.pendingComma = true;
      from = newline + 1;
    }
    callback();
  }

  _flush(callback: TransformCallback): void {
    this.push(this.started ? ']}' : '{"dataValues":[]}');
    callback();
  }
}

/**
 * The verified series as SDMX-CSV 2.0 and as DHIS2 dataValueSets, each streamed from one `COPY … TO STDOUT`
 * statement (PostgreSQL writes the CSV, and the JSON of each value), so memory stays flat whatever the size. Park
 * codes come from a join on `parks` and the reporter's name from `users` (other modules' tables): pure reads kept
 * inside the COPY so that the file streams from one statement.
 */
@Injectable()
export class ExchangeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** SDMX-CSV 2.0, rows in the order of exportSql. */
  streamSdmx(filter: ExchangeFilter): Promise<Readable> {
    const sql = exportSql(filter, {
      STRUCTURE: `'dataflow'`,
      STRUCTURE_ID: lit(SDMX_DATAFLOW),
      ACTION: `'I'`,
      REF_AREA: 's.ref_area',
      INDICATOR: 's.indicator_code',
      SEX: sexCodeSql('o.disaggregation'),
      TIME_PERIOD: 'o.period',
      OBS_VALUE: 'o.value::text',
      OBS_STATUS: `CASE o.status WHEN 'verified' THEN '${OBS_STATUS_VERIFIED}' ELSE '${OBS_STATUS_PROVISIONAL}' END`,
      UNIT_MEASURE: 'upper(s.unit)',
    });
    return copyOut(this.dataSource, `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`, '', EXPORT_WORK_MEM);
  }

  /**
   * A DHIS2 dataValueSet. The period in DHIS2 notation is the platform's without its dash (2020, 2020Q3, 202007: see
   * dhis2-periods.ts). Each object is one line of a CSV COPY whose quote and delimiter are control characters JSON
   * text never holds raw, so PostgreSQL writes the JSON as it is.
   */
  async streamDhis2(filter: ExchangeFilter): Promise<Readable> {
    const json = `json_build_object(
               'dataElement', s.indicator_code,
               'period', replace(o.period, '-', ''),
               'orgUnit', s.ref_area,
               'categoryOptionCombo', ${sexCodeSql('o.disaggregation', 'default')},
               'attributeOptionCombo', 'default',
               'value', o.value::text,
               'storedBy', coalesce(u.display_name, ''),
               'created', to_char(coalesce(o.first_reported_at, o.reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'lastUpdated', to_char(o.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'comment', o.notes,
               'followup', coalesce(o.follow_up = 'open', false)
             )::text`;
    const sql = exportSql(filter, { value: json }, ['first_reported_at', 'reported_at', 'notes', 'follow_up', 'reported_by_id']);
    const lines = await copyOut(this.dataSource, `COPY (${sql}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`, '', EXPORT_WORK_MEM);
    const set = new JsonLinesToSet();
    lines.once('error', (error) => set.destroy(error));
    set.once('close', () => lines.destroy());
    return lines.pipe(set);
  }

  /** Each indicator's unit, by code (to check an SDMX file's UNIT_MEASURE). */
  async unitsByCode(): Promise<Map<string, string>> {
    const rows: { code: string; unit: string }[] = await this.dataSource.query('SELECT code, unit FROM indicators');
    return new Map(rows.map((r) => [r.code, r.unit]));
  }
}
