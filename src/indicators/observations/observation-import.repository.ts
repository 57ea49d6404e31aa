import { Injectable } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { badRequest } from '../../common/errors';
import type { Tx } from '../../database/unit-of-work';
import { DISAGGREGATIONS } from '../catalogue';
import { DISAGGREGATION_PATTERN } from '../disaggregation';
import type { ImportError } from '../dto/observation.dto';
import { MAX_YEAR, MIN_YEAR } from '../../shared/periods';
import { valueProblemSql } from '../values';
import { CsvToCopyLines, IMPORT_ERROR_LIMIT, MAX_HEADER_CHARACTERS, MAX_ROW_CHARACTERS, STAGING_COLUMNS } from './csv-format';
import { CsvRecords, CsvSyntaxError } from './csv-records';
import { UploadError } from './multipart';

const ALLOWED_PAIRS = Object.entries(DISAGGREGATIONS)
  .flatMap(([key, values]) => values.map((value) => `('${key}', '${key}=${value}')`))
  .join(', ');
/** User text quoted into a message, cut short. */
const quoted = (expr: string) => `'"' || left(${expr}, 80) || '"'`;

/**
 * Resolves and checks every staged row in one statement: indicator by code; scope against the park directory
 * (park by id or unique name, city as Province/City or a city name found in one province, province by name) and
 * the reporter's rights; period; disaggregation against the indicator; value against its unit. Each e_* column
 * holds that field's message, or NULL. $1: the importer is staff; $2: the importer's organization.
 * Rows naming their park by id (nearly all of a large file) take the short branch: two hash joins.
 *
 * It reads the park directory (`parks`, the parks module's table) by joins, a pure read kept here so that a file of
 * a million rows is resolved in one set-based statement rather than a question to the parks module per row.
 */
const CHECK_SQL = `
INSERT INTO import_checked
WITH park_names AS (
  SELECT lower(n) AS name_key, count(DISTINCT p.id)::int AS n, (array_agg(p.id))[1] AS id
    FROM parks p CROSS JOIN LATERAL (VALUES (p.name->>'en'), (p.name->>'zh')) v(n)
   WHERE n IS NOT NULL AND n <> '' GROUP BY lower(n)
), city_names AS (
  SELECT lower(city) AS city_key, count(DISTINCT province)::int AS n, min(province) AS province, min(city) AS city
    FROM parks GROUP BY lower(city)
), city_pairs AS (
  SELECT lower(province) AS province_key, lower(city) AS city_key, min(province) AS province, min(city) AS city
    FROM parks GROUP BY 1, 2
), provinces AS (
  SELECT lower(province) AS province_key, min(province) AS province FROM parks GROUP BY 1
), resolved AS (
  SELECT r.*, p.id AS park_id, p.organization_id AS park_organization_id,
         NULL::int AS park_name_matches, NULL::int AS city_name_matches, NULL::text AS area_province, NULL::text AS area_city
    FROM import_rows r LEFT JOIN parks p ON p.id = r.scope_uuid
   WHERE r.scope_uuid IS NOT NULL
  UNION ALL
  SELECT r.*, p.id, p.organization_id, CASE WHEN pc.id IS NOT NULL THEN 1 ELSE pn.n END, cn.n,
         CASE r.scope_type WHEN 'city' THEN coalesce(cp.province, CASE WHEN cn.n = 1 THEN cn.province END) WHEN 'province' THEN pv.province END,
         CASE r.scope_type WHEN 'city' THEN coalesce(cp.city, CASE WHEN cn.n = 1 THEN cn.city END) END
    FROM import_rows r
    LEFT JOIN parks pc ON r.scope_type = 'park' AND pc.code = upper(r.scope)
    LEFT JOIN park_names pn ON r.scope_type = 'park' AND pc.id IS NULL AND pn.name_key = lower(r.scope)
    LEFT JOIN parks p ON p.id = coalesce(pc.id, CASE WHEN pn.n = 1 THEN pn.id END)
    LEFT JOIN city_pairs cp ON r.scope_type = 'city' AND strpos(r.scope, '/') > 0
          AND cp.province_key = lower(btrim(split_part(r.scope, '/', 1))) AND cp.city_key = lower(btrim(substr(r.scope, strpos(r.scope, '/') + 1)))
    LEFT JOIN city_names cn ON r.scope_type = 'city' AND strpos(r.scope, '/') = 0 AND cn.city_key = lower(r.scope)
    LEFT JOIN provinces pv ON r.scope_type = 'province' AND pv.province_key = lower(r.scope)
   WHERE r.scope_uuid IS NULL
), allowed AS (
  SELECT i.id, array_agg(d.pair ORDER BY d.pair) AS pairs
    FROM indicators i CROSS JOIN unnest(i.disaggregations) k(key) JOIN (VALUES ${ALLOWED_PAIRS}) d(key, pair) USING (key)
   GROUP BY i.id
)
SELECT r.row_no, r.id, i.id, r.scope_type, CASE WHEN r.scope_type = 'park' THEN r.park_id END,
       CASE WHEN r.scope_type = 'park' THEN '' ELSE coalesce(r.area_province, '') END,
       CASE WHEN r.scope_type = 'city' THEN coalesce(r.area_city, '') ELSE '' END,
       r.period, r.period_start, r.period_end, r.disaggregation, r.value_num, r.source, r.notes,
    CASE WHEN r.indicator_code = '' THEN 'indicator_code is required'
         WHEN i.id IS NULL THEN 'no indicator has the code ' || ${quoted('r.indicator_code')} END,
    CASE WHEN r.scope_type = '' THEN 'scope_type is required'
         WHEN r.scope_type NOT IN ('park', 'city', 'province') THEN 'scope_type must be park, city or province' END,
    CASE WHEN r.scope_type NOT IN ('park', 'city', 'province') THEN NULL
         WHEN r.scope = '' THEN 'scope is required'
         WHEN r.scope_type = 'park' AND r.park_id IS NULL THEN
           CASE WHEN r.scope_uuid IS NOT NULL THEN 'no park has the id ' || ${quoted('r.scope')}
                WHEN r.park_name_matches > 1 THEN r.park_name_matches || ' parks are named ' || ${quoted('r.scope')} || ': give the park id'
                ELSE 'no park is named ' || ${quoted('r.scope')} || ' (give the park id, or its exact English or Chinese name)' END
         WHEN r.scope_type = 'city' AND r.area_city IS NULL THEN
           CASE WHEN r.city_name_matches > 1 THEN ${quoted('r.scope')} || ' is a city in ' || r.city_name_matches || ' provinces: write Province/City'
                ELSE 'no park is in a city ' || ${quoted('r.scope')} || ' (write Province/City, e.g. Jiangsu/Suzhou)' END
         WHEN r.scope_type = 'province' AND r.area_province IS NULL THEN 'no park is in a province ' || ${quoted('r.scope')}
         WHEN NOT $1 AND r.scope_type <> 'park' THEN 'only facilitators report for a whole city or province'
         WHEN NOT $1 AND r.park_organization_id IS DISTINCT FROM $2::uuid THEN 'you may report only for parks your organization runs'
         WHEN i.unit = 'boolean' AND r.scope_type <> 'park' THEN 'a yes/no indicator is reported per park (cities and provinces show the share of parks)'
    END,
    CASE WHEN r.period = '' THEN 'period is required'
         WHEN r.period_start IS NULL THEN 'period must be a year (2020), a quarter (2020-Q3) or a month (2020-07), with a year from ${MIN_YEAR} to ${MAX_YEAR}'
         WHEN r.period_start > current_date THEN 'period ' || r.period || ' has not begun yet' END,
    CASE WHEN i.id IS NULL OR r.disaggregation = '' THEN NULL
         WHEN r.disaggregation !~ '${DISAGGREGATION_PATTERN}' THEN 'disaggregation must look like sex=female (several pairs joined by ;)'
         WHEN (SELECT count(DISTINCT split_part(x, '=', 1)) FROM unnest(string_to_array(r.disaggregation, ';')) x)
              <> cardinality(string_to_array(r.disaggregation, ';')) THEN 'disaggregation names the same key twice'
         WHEN a.pairs IS NULL THEN 'disaggregation must be empty: ' || i.code || ' has no disaggregation'
         WHEN NOT string_to_array(r.disaggregation, ';') <@ a.pairs
           THEN 'disaggregation ' || ${quoted('r.disaggregation')} || ' is not allowed for ' || i.code || '; allowed: ' || array_to_string(a.pairs, ', ') END,
    CASE WHEN r.value = '' THEN 'value is required'
         WHEN r.value_num IS NULL THEN 'value must be a number (digits, . for decimals, no thousands separators)'
         WHEN i.id IS NULL THEN NULL
         WHEN ${valueProblemSql('r.value_num', 'i.unit')} IS NOT NULL THEN ${valueProblemSql('r.value_num', 'i.unit')}
         WHEN r.value_num < i.min_value THEN 'value must be at least ' || i.min_value::float8 || ' for ' || i.code
         WHEN r.value_num > i.max_value THEN 'value must be at most ' || i.max_value::float8 || ' for ' || i.code END,
    CASE WHEN length(r.source) > 500 THEN 'source must be at most 500 characters' END,
    CASE WHEN length(r.notes) > 2000 THEN 'notes must be at most 2000 characters' END,
    NULL::text, NULL::text, r.status
  FROM resolved r
  LEFT JOIN indicators i ON i.code = r.indicator_code
  LEFT JOIN allowed a ON a.id = i.id`;

/**
 * The keys the file repeats (one hash aggregate). `planned` limits the search to rows that may replace a stored
 * value: the other rows are all new keys, so a repetition among them is caught by the unique index on writing.
 */
const repeatedKeys = (planned: boolean) => `
CREATE TEMP TABLE import_repeated ON COMMIT DROP AS
SELECT indicator_id, park_id, province, city, disaggregation, period, min(row_no) AS first_row
  FROM import_checked c
 WHERE indicator_id IS NOT NULL AND period_start IS NOT NULL AND (park_id IS NOT NULL OR province <> '')
   ${planned ? 'AND EXISTS (SELECT 1 FROM import_plan p WHERE p.row_no = c.row_no)' : ''}
 GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1`;

/**
 * Marks the rows repeating an earlier row's indicator, scope, period and disaggregation. Gated on there being any,
 * as the join would otherwise sort the whole file for nothing.
 */
const DUPLICATES_SQL = `
UPDATE import_checked c SET e_duplicate = 'repeats row ' || d.first_row || ' (same indicator, scope, period and disaggregation)'
  FROM import_repeated d
 WHERE c.indicator_id = d.indicator_id AND c.park_id IS NOT DISTINCT FROM d.park_id AND c.province = d.province AND c.city = d.city
   AND c.disaggregation = d.disaggregation AND c.period = d.period AND c.row_no > d.first_row
   AND EXISTS (SELECT 1 FROM import_repeated)`;

const ERROR_COLUMNS: [string, string][] = [
  ['indicator_code', 'e_indicator'],
  ['scope_type', 'e_scope_type'],
  ['scope', 'e_scope'],
  ['period', 'e_period'],
  ['disaggregation', 'e_disaggregation'],
  ['value', 'e_value'],
  ['source', 'e_source'],
  ['notes', 'e_notes'],
  ['row', 'e_duplicate'],
  ['period', 'e_lock'],
];
const HAS_ERROR = `num_nonnulls(${ERROR_COLUMNS.map(([, c]) => c).join(', ')}) > 0`;

const ERRORS_SQL = `
SELECT c.row_no AS row, e.field, e.message, count(*) OVER () AS total
  FROM import_checked c
 CROSS JOIN LATERAL (VALUES ${ERROR_COLUMNS.map(([field, column], i) => `(${i}, '${field}', c.${column})`).join(', ')}) e(ord, field, message)
 WHERE ${HAS_ERROR} AND e.message IS NOT NULL
 ORDER BY c.row_no, e.ord
 LIMIT ${IMPORT_ERROR_LIMIT}`;

/**
 * While the file is written, the indicators it names cannot be deleted (what a foreign key check would do row by
 * row, done once per indicator); its parks are locked likewise through the parks module.
 */
const LOCK_INDICATORS_SQL = `
SELECT count(*) AS locked FROM (SELECT 1 FROM indicators WHERE id IN (SELECT DISTINCT indicator_id FROM import_checked) FOR KEY SHARE) i`;

/**
 * The (indicator, park) pairs of the file that already have values, found with one index probe per pair: a file
 * of new data (the bulk loads) needs no probe per row at all.
 */
const KNOWN_PAIRS_SQL = `
INSERT INTO import_known
SELECT p.indicator_id, p.park_id FROM (SELECT DISTINCT indicator_id, park_id FROM import_checked WHERE park_id IS NOT NULL) p
 WHERE EXISTS (SELECT 1 FROM observations o WHERE o.superseded_at IS NULL AND o.park_id IS NOT NULL
                  AND o.indicator_id = p.indicator_id AND o.park_id = p.park_id)`;

/**
 * Rows that may replace a value against the current value of their key: identical (unchanged: uploading the same
 * file twice adds nothing), different (superseded) or none (new). One probe of a current-value index per row
 * (LATERAL keeps the planner from hashing millions of stored values instead). Rows not planned are new.
 */
const PLAN_SQL = `
INSERT INTO import_plan (row_no, current_id, unchanged, first_reported_at)
SELECT c.row_no, o.id, coalesce(o.value = c.value AND o.source = c.source AND o.notes = c.notes, false), o.first_reported_at
  FROM import_checked c
  LEFT JOIN LATERAL (
    SELECT o.id, o.value, o.source, o.notes, coalesce(o.first_reported_at, o.reported_at) AS first_reported_at FROM observations o
     WHERE c.park_id IS NOT NULL AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.indicator_id = c.indicator_id
       AND o.park_id = c.park_id AND o.disaggregation = c.disaggregation AND o.period_start = c.period_start AND o.period = c.period
    UNION ALL
    SELECT o.id, o.value, o.source, o.notes, coalesce(o.first_reported_at, o.reported_at) FROM observations o
     WHERE c.park_id IS NULL AND o.superseded_at IS NULL AND o.park_id IS NULL AND o.indicator_id = c.indicator_id
       AND o.province = c.province AND o.city = c.city AND o.disaggregation = c.disaggregation
       AND o.period_start = c.period_start AND o.period = c.period
    LIMIT 1
  ) o ON true
 WHERE c.park_id IS NULL OR EXISTS (SELECT 1 FROM import_known k WHERE k.indicator_id = c.indicator_id AND k.park_id = c.park_id)`;

/** A replaced value keeps its review outcome; one still awaiting verification no longer does (see catalogue.ts). */
const SUPERSEDE_SQL = `
UPDATE observations o SET superseded_at = now(), superseded_by_id = c.id,
       status = CASE WHEN o.status = 'submitted' THEN 'superseded' ELSE o.status END
  FROM import_plan p JOIN import_checked c ON c.row_no = p.row_no
 WHERE o.id = p.current_id AND NOT p.unchanged`;

const INSERT_SQL = `
INSERT INTO observations (id, indicator_id, scope_type, park_id, province, city, period, period_start, period_end, disaggregation,
                          value, source, notes, status, reported_by_id, reported_at, supersedes_id, import_id,
                          warnings, follow_up, first_reported_at, reviewed_by_id, reviewed_at)
SELECT c.id, c.indicator_id, c.scope_type, c.park_id, c.province, c.city, c.period, c.period_start, c.period_end, c.disaggregation,
       c.value, c.source, c.notes, CASE WHEN $3 AND c.status = 'verified' THEN 'verified' ELSE 'submitted' END, $1, now(), p.current_id, $2,
       f.warnings, CASE WHEN f.warnings IS NOT NULL THEN 'open' END, p.first_reported_at,
       CASE WHEN $3 AND c.status = 'verified' THEN $1::uuid END, CASE WHEN $3 AND c.status = 'verified' THEN now() END
  FROM import_checked c LEFT JOIN import_plan p ON p.row_no = c.row_no LEFT JOIN import_flags f ON f.row_no = c.row_no
 WHERE p.unchanged IS NOT TRUE
 ORDER BY c.row_no`;

/** How the planned rows of a file stand against the stored values. */
export interface ImportPlan {
  /** Rows that may replace a stored value (the others are new keys). */
  rows: number;
  superseded: number;
  unchanged: number;
}

/**
 * The CSV import's staging and set-based SQL, on the connection of the caller's transaction `tx`: the upload is
 * copied into a temporary table (COPY … FROM STDIN), checked, planned and written in a handful of statements
 * whatever the file's size. The temporary tables are dropped when `tx` ends.
 */
@Injectable()
export class ObservationImportRepository {
  /** Opens the staging table (and room to sort and hash one file's rows in memory rather than on disk). */
  async prepare(tx: Tx): Promise<void> {
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    await tx.query(`CREATE TEMP TABLE import_rows (${STAGING_COLUMNS.join(', ')}) ON COMMIT DROP`);
  }

  /**
   * Streams the upload through the CSV parser into COPY … FROM STDIN. The upload is piped in rather than put in the
   * pipeline, so that a broken file never destroys the request (the answer still has to go out on its socket).
   */
  async stage(tx: Tx, input: Readable, format: 'csv' | 'records' = 'csv'): Promise<CsvToCopyLines> {
    const client = (await tx.queryRunner!.connect()) as PoolClient;
    const lines = new CsvToCopyLines();
    const copy = client.query(copyFrom('COPY import_rows FROM STDIN'));
    // Other formats (a spreadsheet, SDMX-CSV, DHIS2 JSON) come already read into records, in batches as CsvRecords gives them.
    const parser = format === 'records' ? new PassThrough({ objectMode: true }) : new CsvRecords(MAX_ROW_CHARACTERS, MAX_HEADER_CHARACTERS);
    const done = pipeline(parser, lines, copy);
    const onInputError = (error: Error) => parser.destroy(error);
    // The upload may have failed already (say, a malformed form) while the transaction was being opened.
    if (input.errored || input.destroyed) parser.destroy(input.errored ?? new UploadError('the upload was interrupted'));
    else {
      input.once('error', onInputError);
      input.pipe(parser);
    }
    try {
      await done;
      return lines;
    } catch (error) {
      input.unpipe(parser);
      input.resume();
      if (error instanceof UploadError) throw badRequest('file', error.message);
      const code = (error as { code?: string }).code;
      if (typeof code === 'string' && code.startsWith('CSV_')) {
        // The parser cannot go on past a broken quote: what was found so far is reported with it.
        const field = error instanceof CsvSyntaxError ? error.field : 'file';
        const message = (error as Error).message;
        lines.fail(lines.currentRow, field, field === 'file' ? `the file is not valid CSV here: ${message}` : message);
        lines.unreadable = true;
        return lines;
      }
      throw error;
    } finally {
      input.off('error', onInputError);
    }
  }

  /** Resolves and checks every staged row (CHECK_SQL) for an importer who is staff or else of `organizationId`. */
  async check(tx: Tx, importer: { staff: boolean; organizationId: string | null }): Promise<void> {
    await tx.query(`
      CREATE TEMP TABLE import_checked (
        row_no int, id uuid, indicator_id uuid, scope_type text, park_id uuid, province text, city text, period text,
        period_start date, period_end date, disaggregation text, value numeric, source text, notes text,
        e_indicator text, e_scope_type text, e_scope text, e_period text, e_disaggregation text, e_value text,
        e_source text, e_notes text, e_duplicate text, e_lock text, status text
      ) ON COMMIT DROP`);
    await tx.query(CHECK_SQL, [importer.staff, importer.organizationId]);
  }

  /** The first IMPORT_ERROR_LIMIT problems of the checked rows, and how many there are in all. */
  async findRowErrors(tx: Tx): Promise<{ errors: ImportError[]; count: number }> {
    const found: (ImportError & { total: string })[] = await tx.query(ERRORS_SQL);
    return { errors: found.map(({ row, field, message }) => ({ row, field, message })), count: found.length ? Number(found[0].total) : 0 };
  }

  /** Marks the rows repeating an earlier row's key (among the planned rows only, with `planned`); answers how many keys repeat. */
  async markRepeated(tx: Tx, planned: boolean): Promise<number> {
    await tx.query('DROP TABLE IF EXISTS import_repeated');
    await tx.query(repeatedKeys(planned));
    const [{ n }]: { n: number }[] = await tx.query('SELECT count(*)::int AS n FROM import_repeated');
    if (n) await tx.query(DUPLICATES_SQL);
    return n;
  }

  /** Plans the checked rows against the stored values (KNOWN_PAIRS_SQL, PLAN_SQL). */
  async plan(tx: Tx): Promise<ImportPlan> {
    await tx.query(`CREATE TEMP TABLE import_known (indicator_id uuid, park_id uuid) ON COMMIT DROP`);
    await tx.query(`CREATE TEMP TABLE import_plan (row_no int, current_id uuid, unchanged boolean, first_reported_at timestamptz) ON COMMIT DROP`);
    await tx.query(KNOWN_PAIRS_SQL);
    await tx.query(PLAN_SQL);
    const [planned]: ImportPlan[] = await tx.query(
      `SELECT count(*)::int AS rows,
              count(*) FILTER (WHERE current_id IS NOT NULL AND NOT unchanged)::int AS superseded,
              count(*) FILTER (WHERE unchanged)::int AS unchanged
         FROM import_plan`,
    );
    return planned;
  }

  /** The rows to be written that the file says are verified (kept so only when an admin keeps the file's statuses). */
  async countVerified(tx: Tx): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM import_checked c LEFT JOIN import_plan p ON p.row_no = c.row_no
        WHERE p.unchanged IS NOT TRUE AND c.status = 'verified'`,
    );
    return n;
  }

  /** Keeps the indicators the file names from being deleted until `tx` ends. */
  async lockIndicators(tx: Tx): Promise<void> {
    await tx.query(LOCK_INDICATORS_SQL);
  }

  /** The parks the checked rows are for. */
  async findParkIds(tx: Tx): Promise<string[]> {
    const rows: { park_id: string }[] = await tx.query('SELECT DISTINCT park_id FROM import_checked WHERE park_id IS NOT NULL');
    return rows.map((r) => r.park_id);
  }

  /**
   * Writes the planned rows: supersedes the values they replace (with `supersede`) and inserts the new ones, as
   * reported by `reporterId` in the import `importId`. 'key taken' when a key is written twice (a repeated key among
   * the new rows, or another import writing the same values right now): then nothing of it is written.
   */
  async write(tx: Tx, write: { reporterId: string; importId: string; supersede: boolean; keepVerified: boolean }): Promise<'written' | 'key taken'> {
    await tx.query('SAVEPOINT import_write');
    try {
      if (write.supersede) await tx.query(SUPERSEDE_SQL);
      await tx.query(INSERT_SQL, [write.reporterId, write.importId, write.keepVerified]);
      return 'written';
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await tx.query('ROLLBACK TO SAVEPOINT import_write');
      return 'key taken';
    }
  }
}
