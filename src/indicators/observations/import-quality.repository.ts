import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/unit-of-work';
import type { ImportWarning } from '../dto/observation.dto';
import { lockedMessageSql } from '../approvals/period-locks.repository';
import { HISTORY_DEPTH, samePeriodKindSql } from '../quality/quality.repository';
import { RELATION_MESSAGES } from '../quality/relations';
import { MIN_HISTORY, MIN_PEERS } from '../quality/robust-z';
import { WARNING_MESSAGES } from '../quality/warnings';
import { IMPORT_ERROR_LIMIT } from './csv-format';

const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The peer check runs for the rows of a file that reports fewer parks than this for one indicator, period and
 * breakdown (a park's or a city's file), against the other parks' stored values. A national bulk file, where most
 * parks come in together, is not compared park by park: it would cost more than the rest of the import.
 */
export const PEERS_FROM_FILE = 20;

/**
 * The robust spread in SQL, as robustSpread (quality/robust-z.ts) computes it: MAD / 0.6745, or else the mean
 * absolute deviation × 1.253314, or NULL when every value is the same. `v` is the value column, `med` the median.
 */
const SCALE_SQL = (v: string, med: string) => `
  CASE WHEN percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(${v} - ${med})) > 0
       THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(${v} - ${med})) / 0.6745
       WHEN avg(abs(${v} - ${med})) > 0 THEN avg(abs(${v} - ${med})) * 1.253314 END`;

const warningJson = (rule: string, message: string, min: string, max: string) =>
  `jsonb_build_object('rule', '${rule}', 'message', ${text(message)}, 'expected', jsonb_build_object('min', ${min}, 'max', ${max}))`;
const round4 = (x: string) => `round((${x})::numeric, 4)`;

/** Rows of a park whose period an approval has locked. */
const LOCKED_SQL = `
UPDATE import_checked c SET e_lock = ${lockedMessageSql('a.period')}
  FROM period_approvals a
 WHERE a.state = 'locked' AND a.park_id = c.park_id AND a.period_start <= c.period_start AND a.period_end >= c.period_end`;

/**
 * The earlier values of each row's series: stored, current, not rejected, the same kind of period (see
 * QualityRepository.history), the most recent HISTORY_DEPTH of them. Each row reads its series backwards along the
 * current-value index of its scope (parks, or cities and provinces: `scope`), and its median and robust spread are
 * computed over those values alone, so the work grows with the rows of the file, not with the table.
 */
const historySql = (scope: 'park' | 'area') => `
INSERT INTO import_flag_parts (row_no, ord, warning)
SELECT row_no, 1, ${warningJson('history', WARNING_MESSAGES.history, round4('med - t * scale'), round4('med + t * scale'))}
  FROM (
    SELECT c.row_no, c.value::float8 AS x, i.history_threshold::float8 AS t, s.med, k.scale
      FROM import_history_rows c
      JOIN indicators i ON i.id = c.indicator_id AND i.history_threshold IS NOT NULL
     CROSS JOIN LATERAL (
       SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY h.v) AS med, array_agg(h.v) AS vs
         FROM (SELECT o.value::float8 AS v FROM observations o
                WHERE o.superseded_at IS NULL AND o.indicator_id = c.indicator_id AND o.disaggregation = c.disaggregation
                  AND ${scope === 'park' ? 'o.park_id IS NOT NULL AND o.park_id = c.park_id' : 'o.park_id IS NULL AND o.province = c.province AND o.city = c.city'}
                  AND o.period_start < c.period_start AND ${samePeriodKindSql('o.period', 'c.period')} AND o.status <> 'rejected'
                ORDER BY o.period_start DESC LIMIT ${HISTORY_DEPTH}) h
     ) s
     CROSS JOIN LATERAL (SELECT ${SCALE_SQL('d.v', 's.med')} AS scale FROM unnest(s.vs) d(v)) k
     WHERE c.park_id IS ${scope === 'park' ? 'NOT NULL' : 'NULL'} AND s.n >= ${MIN_HISTORY}
  ) r
 WHERE scale IS NOT NULL AND abs(x - med) / scale > t`;

/**
 * Rows whose series has stored values (a file of new series has none) and that change something (a re-upload
 * changes nothing): the only ones the history check reads for.
 */
const HISTORY_ROWS_SQL = `
CREATE TEMP TABLE import_history_rows ON COMMIT DROP AS
SELECT c.row_no, c.indicator_id, c.park_id, c.province, c.city, c.disaggregation, c.period_start, c.period, c.value
  FROM import_checked c
 WHERE (c.park_id IS NULL OR (c.indicator_id, c.park_id) IN (SELECT indicator_id, park_id FROM import_known))
   AND c.row_no NOT IN (SELECT row_no FROM import_plan WHERE unchanged)`;

/**
 * Each park row against the parks of its indicator, period and disaggregation (where the file holds fewer than
 * PEERS_FROM_FILE of them): the file's rows and the other parks' stored current values, rejected ones left out.
 * Built in steps over analysed temporary tables, so that each join is planned on real row counts.
 */
const PEER_GROUPS_SQL = `
CREATE TEMP TABLE import_peer_groups ON COMMIT DROP AS
SELECT c.indicator_id, c.disaggregation, c.period_start, c.period, count(*) AS n, min(i.peer_threshold)::float8 AS t
  FROM import_checked c JOIN indicators i ON i.id = c.indicator_id AND i.peer_threshold IS NOT NULL
 WHERE c.park_id IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING count(*) < ${PEERS_FROM_FILE}`;

const PEER_VALUES_SQL = `
CREATE TEMP TABLE import_peer_values ON COMMIT DROP AS
SELECT c.indicator_id, c.disaggregation, c.period_start, c.period, c.value::float8 AS v
  FROM import_checked c JOIN import_peer_groups g USING (indicator_id, disaggregation, period_start, period) WHERE c.park_id IS NOT NULL
UNION ALL
SELECT s.indicator_id, s.disaggregation, s.period_start, s.period, s.v
  FROM (
    SELECT g.indicator_id, g.disaggregation, g.period_start, g.period, o.park_id, o.v
      FROM import_peer_groups g
     CROSS JOIN LATERAL (
       SELECT o.park_id, o.value::float8 AS v FROM observations o
        WHERE o.indicator_id = g.indicator_id AND o.disaggregation = g.disaggregation AND o.period_start = g.period_start
          AND o.period = g.period AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.status <> 'rejected'
     ) o
  ) s
 WHERE NOT EXISTS (SELECT 1 FROM import_checked c WHERE c.park_id = s.park_id AND c.indicator_id = s.indicator_id
                      AND c.disaggregation = s.disaggregation AND c.period_start = s.period_start AND c.period = s.period)`;

const PEER_MEDIANS_SQL = `
CREATE TEMP TABLE import_peer_stats ON COMMIT DROP AS
SELECT indicator_id, disaggregation, period_start, period, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS med, NULL::float8 AS scale
  FROM import_peer_values GROUP BY 1, 2, 3, 4 HAVING count(*) >= ${MIN_PEERS}`;

const PEER_SCALES_SQL = `
UPDATE import_peer_stats s SET scale = d.scale
  FROM (SELECT s.indicator_id, s.disaggregation, s.period_start, s.period, ${SCALE_SQL('v.v', 's.med')} AS scale
          FROM import_peer_stats s JOIN import_peer_values v USING (indicator_id, disaggregation, period_start, period)
         GROUP BY 1, 2, 3, 4, s.med) d
 WHERE (s.indicator_id, s.disaggregation, s.period_start, s.period) = (d.indicator_id, d.disaggregation, d.period_start, d.period)`;

const PEERS_SQL = `
INSERT INTO import_flag_parts (row_no, ord, warning)
SELECT c.row_no, 2, ${warningJson('peers', WARNING_MESSAGES.peers, round4('s.med - g.t * s.scale'), round4('s.med + g.t * s.scale'))}
  FROM import_checked c
  JOIN import_peer_stats s USING (indicator_id, disaggregation, period_start, period)
  JOIN import_peer_groups g USING (indicator_id, disaggregation, period_start, period)
 WHERE c.park_id IS NOT NULL AND s.scale IS NOT NULL AND abs(c.value::float8 - s.med) / s.scale > g.t`;

/**
 * Counts by sex against the total (relationWarnings in quality/relations.ts): the file's values over the stored ones,
 * each group's total and parts spread over its rows by window functions (one sort, no join back).
 */
const RELATIONS_SQL = `
INSERT INTO import_flag_parts (row_no, ord, warning)
WITH f AS (
  SELECT c.row_no, c.indicator_id, c.park_id, c.province, c.city, c.period_start, c.period, c.disaggregation, c.value,
         coalesce(c.park_id::text, c.province || '/' || c.city) AS scope_key
    FROM import_checked c JOIN indicators i ON i.id = c.indicator_id
   WHERE i.check_relations AND i.aggregation = 'sum' AND 'sex' = ANY (i.disaggregations) AND c.disaggregation IN ('', 'sex=female', 'sex=male')
), stored AS (
  SELECT g.indicator_id, g.scope_key, g.period_start, g.period, o.disaggregation, o.value
    FROM (SELECT DISTINCT indicator_id, park_id, province, city, period_start, period, scope_key FROM f) g
   CROSS JOIN LATERAL (
      SELECT o.disaggregation, o.value FROM observations o
       WHERE g.park_id IS NOT NULL AND o.superseded_at IS NULL AND o.park_id IS NOT NULL AND o.indicator_id = g.indicator_id
         AND o.park_id = g.park_id AND o.disaggregation IN ('', 'sex=female', 'sex=male') AND o.period_start = g.period_start
         AND o.period = g.period AND o.status <> 'rejected'
      UNION ALL
      SELECT o.disaggregation, o.value FROM observations o
       WHERE g.park_id IS NULL AND o.superseded_at IS NULL AND o.park_id IS NULL AND o.indicator_id = g.indicator_id
         AND o.province = g.province AND o.city = g.city AND o.disaggregation IN ('', 'sex=female', 'sex=male')
         AND o.period_start = g.period_start AND o.period = g.period AND o.status <> 'rejected'
    ) o
   WHERE g.park_id IS NULL OR EXISTS (SELECT 1 FROM import_known k WHERE k.indicator_id = g.indicator_id AND k.park_id = g.park_id)
), vals AS (
  SELECT DISTINCT ON (indicator_id, scope_key, period_start, period, disaggregation) *
    FROM (SELECT row_no, indicator_id, scope_key, period_start, period, disaggregation, value, 1 AS src FROM f
          UNION ALL
          SELECT NULL, indicator_id, scope_key, period_start, period, disaggregation, value, 0 FROM stored) u
   ORDER BY indicator_id, scope_key, period_start, period, disaggregation, src DESC
), b AS (
  SELECT row_no, disaggregation,
         max(value) FILTER (WHERE disaggregation = '') OVER w AS total,
         max(value) FILTER (WHERE disaggregation = 'sex=female') OVER w AS female,
         max(value) FILTER (WHERE disaggregation = 'sex=male') OVER w AS male
    FROM vals WINDOW w AS (PARTITION BY indicator_id, scope_key, period_start, period)
)
SELECT row_no, 3, ${warningJson(
  'relation',
  RELATION_MESSAGES.partAboveTotal,
  `CASE WHEN disaggregation = '' THEN greatest(female, male) ELSE 0 END`,
  `CASE WHEN disaggregation = '' THEN NULL ELSE total END`,
)}
  FROM b
 WHERE row_no IS NOT NULL AND total IS NOT NULL
   AND CASE disaggregation WHEN '' THEN greatest(female, male) > total WHEN 'sex=female' THEN female > total ELSE male > total END
UNION ALL
SELECT row_no, 4, ${warningJson('relation', RELATION_MESSAGES.sum, 'e', 'e')}
  FROM (SELECT b.*, CASE disaggregation WHEN '' THEN female + male WHEN 'sex=female' THEN total - male ELSE total - female END AS e FROM b) x
 WHERE row_no IS NOT NULL AND total IS NOT NULL AND female IS NOT NULL AND male IS NOT NULL AND female + male <> total`;

const WARNINGS_SQL = `
SELECT f.row_no AS row, c.value::float8 AS value, w.value->>'rule' AS rule, w.value->>'message' AS message,
       (w.value->'expected'->>'min')::float8 AS min, (w.value->'expected'->>'max')::float8 AS max, count(*) OVER () AS total
  FROM import_flags f JOIN import_checked c USING (row_no)
 CROSS JOIN LATERAL jsonb_array_elements(f.warnings) WITH ORDINALITY w(value, ord)
 ORDER BY f.row_no, w.ord
 LIMIT ${IMPORT_ERROR_LIMIT}`;

/**
 * The import's rules beyond the row checks, set-based on the staged file (ObservationImportRepository's temporary
 * tables, in the caller's transaction): locked periods (errors), and the warnings that let a row in flagged.
 */
@Injectable()
export class ImportQualityRepository {
  /** Marks the rows for a locked park period (gated: no locks anywhere, no work). */
  async markLocked(tx: Tx): Promise<void> {
    const [{ any }]: { any: boolean }[] = await tx.query(`SELECT EXISTS (SELECT 1 FROM period_approvals WHERE state = 'locked') AS any`);
    if (!any) return;
    await tx.query(LOCKED_SQL);
  }

  /** Runs the warning rules over the planned rows (import_plan, import_known exist) into import_flags (row_no, warnings). */
  async flag(tx: Tx): Promise<void> {
    await tx.query(`CREATE TEMP TABLE import_flag_parts (row_no int, ord int, warning jsonb) ON COMMIT DROP`);
    await tx.query(HISTORY_ROWS_SQL);
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM import_history_rows`);
    if (n) {
      await tx.query('ANALYZE import_history_rows');
      await tx.query(historySql('park'));
      await tx.query(historySql('area'));
    }
    await tx.query(PEER_GROUPS_SQL);
    await tx.query('ANALYZE import_peer_groups');
    await tx.query(PEER_VALUES_SQL);
    await tx.query('ANALYZE import_peer_values');
    await tx.query(PEER_MEDIANS_SQL);
    await tx.query('ANALYZE import_peer_stats');
    await tx.query(PEER_SCALES_SQL);
    await tx.query(PEERS_SQL);
    await tx.query(RELATIONS_SQL);
    await tx.query('ANALYZE import_flag_parts');
    // Rows that change nothing are not written, so they carry no warning either.
    await tx.query(`
      CREATE TEMP TABLE import_flags ON COMMIT DROP AS
      SELECT f.row_no, jsonb_agg(f.warning ORDER BY f.ord) AS warnings FROM import_flag_parts f
       WHERE NOT EXISTS (SELECT 1 FROM import_plan p WHERE p.row_no = f.row_no AND p.unchanged)
       GROUP BY f.row_no`);
  }

  /** The first IMPORT_ERROR_LIMIT warnings, and how many there are in all. */
  async findWarnings(tx: Tx): Promise<{ warnings: ImportWarning[]; count: number }> {
    const rows: { row: number; value: number; rule: ImportWarning['rule']; message: string; min: number | null; max: number | null; total: string }[] =
      await tx.query(WARNINGS_SQL);
    return {
      warnings: rows.map((r) => ({ row: r.row, field: 'value', value: r.value, rule: r.rule, message: r.message, expected: { min: r.min, max: r.max } })),
      count: rows.length ? Number(rows[0].total) : 0,
    };
  }
}
