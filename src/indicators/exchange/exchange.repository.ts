import { Injectable } from '@nestjs/common';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { copyOut } from '../observations/observation-export.repository';
import { EXCHANGED_DISAGGREGATIONS, OBS_STATUS_PROVISIONAL, OBS_STATUS_VERIFIED, refAreaSql, SDMX_DATAFLOW, sexCodeSql } from './exchange-format';

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

/** The conditions on `o` (observations), `i` (indicators) and `p` (the park, if any). */
function whereSql(filter: ExchangeFilter): string {
  const where = ['o.superseded_at IS NULL', `o.status = 'verified'`, `o.disaggregation IN (${EXCHANGED_DISAGGREGATIONS.map(lit).join(', ')})`];
  if (filter.indicatorId) where.push(`o.indicator_id = ${lit(filter.indicatorId)}`);
  if (filter.category) where.push(`i.category = ${lit(filter.category)}`);
  if (filter.refArea) where.push(`${refAreaSql('o', 'p')} = ${lit(filter.refArea)}`);
  if (filter.province) where.push(`CASE WHEN o.scope_type = 'park' THEN p.province ELSE o.province END = ${lit(filter.province)}`);
  if (filter.city) where.push(`CASE WHEN o.scope_type = 'park' THEN p.city ELSE o.city END = ${lit(filter.city)}`);
  if (filter.startsFrom) where.push(`o.period_start >= ${lit(filter.startsFrom)}`);
  if (filter.endsUntil) where.push(`o.period_end <= ${lit(filter.endsUntil)}`);
  return where.join(' AND ');
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

  /** SDMX-CSV 2.0, rows ordered by indicator, REF_AREA, SEX and period (so two exports of the same values are the same bytes). */
  streamSdmx(filter: ExchangeFilter): Promise<Readable> {
    const sql = `COPY (
      SELECT 'dataflow' AS "STRUCTURE", ${lit(SDMX_DATAFLOW)} AS "STRUCTURE_ID", 'I' AS "ACTION",
             ${refAreaSql('o', 'p')} AS "REF_AREA", i.code AS "INDICATOR", ${sexCodeSql('o.disaggregation')} AS "SEX",
             o.period AS "TIME_PERIOD", o.value::text AS "OBS_VALUE",
             CASE o.status WHEN 'verified' THEN '${OBS_STATUS_VERIFIED}' ELSE '${OBS_STATUS_PROVISIONAL}' END AS "OBS_STATUS",
             upper(i.unit) AS "UNIT_MEASURE"
        FROM observations o
        JOIN indicators i ON i.id = o.indicator_id
        LEFT JOIN parks p ON p.id = o.park_id
       WHERE ${whereSql(filter)}
       ORDER BY 5, 4, 6, o.period_start, o.period
    ) TO STDOUT WITH (FORMAT csv, HEADER true)`;
    return copyOut(this.dataSource, sql);
  }

  /**
   * A DHIS2 dataValueSet. The period in DHIS2 notation is the platform's without its dash (2020, 2020Q3, 202007: see
   * dhis2-periods.ts). Each object is one line of a CSV COPY whose quote and delimiter are control characters JSON
   * text never holds raw, so PostgreSQL writes the JSON as it is.
   */
  async streamDhis2(filter: ExchangeFilter): Promise<Readable> {
    const sql = `COPY (
      SELECT json_build_object(
               'dataElement', i.code,
               'period', replace(o.period, '-', ''),
               'orgUnit', ${refAreaSql('o', 'p')},
               'categoryOptionCombo', ${sexCodeSql('o.disaggregation', 'default')},
               'attributeOptionCombo', 'default',
               'value', o.value::text,
               'storedBy', coalesce(u.display_name, ''),
               'created', to_char(coalesce(o.first_reported_at, o.reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'lastUpdated', to_char(o.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'comment', o.notes,
               'followup', coalesce(o.follow_up = 'open', false)
             )::text
        FROM observations o
        JOIN indicators i ON i.id = o.indicator_id
        LEFT JOIN parks p ON p.id = o.park_id
        LEFT JOIN users u ON u.id = o.reported_by_id
       WHERE ${whereSql(filter)}
       ORDER BY i.code, ${refAreaSql('o', 'p')}, ${sexCodeSql('o.disaggregation')}, o.period_start, o.period
    ) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
    const lines = await copyOut(this.dataSource, sql);
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
