import { Injectable } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import { escapeLiteral, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { type CurrentObservationFilter, currentFilterSql } from './observations.repository';

/** The spreadsheet formula guard of csv-format.ts, in SQL. */
const guard = (expr: string) => `CASE WHEN ${expr} ~ ('^[=+@' || chr(9) || chr(13) || '-]') THEN '''' || ${expr} ELSE ${expr} END`;

/**
 * The output of a `COPY … TO STDOUT` statement as a stream, on a connection of its own, after `prefix`. Destroying
 * the stream before its end cancels the COPY on the server, so a client going away mid-export costs nothing more.
 * `workMem`, when given, is the connection's sort memory for this statement (set back before the connection returns
 * to the pool).
 */
export async function copyOut(dataSource: DataSource, sql: string, prefix = '', workMem?: string): Promise<Readable> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  if (workMem) await client.query(`SET work_mem = ${escapeLiteral(workMem)}`);
  const out = new PassThrough();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (!workMem) return void runner.release();
    // Queued behind the COPY (or its cancellation) on the same connection.
    client
      .query('RESET work_mem')
      .catch(() => undefined)
      .finally(() => void runner.release());
  };
  const copy = client.query(copyTo(sql));
  if (prefix) out.write(prefix);
  copy.on('error', (error) => {
    out.destroy(error);
    release();
  });
  copy.on('end', release);
  out.on('close', () => {
    if (copy.readableEnded || released) return;
    // The client went away mid-export: cancel the COPY on the server (the connection then errors back to idle
    // and is released by the handler above) rather than reading millions of rows into the void.
    copy.unpipe(out);
    copy.resume();
    void dataSource.query('SELECT pg_cancel_backend($1)', [(client as PoolClient & { processID: number }).processID]).catch(() => undefined);
  });
  copy.pipe(out);
  return out;
}

/**
 * Current observations as CSV in the import format (csv-format.ts), streamed straight from PostgreSQL
 * (COPY … TO STDOUT) on a connection of its own, so an export of millions of rows never sits in memory.
 */
@Injectable()
export class ObservationExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The CSV, with a byte-order mark. Destroying the stream before its end cancels the COPY. The park names come from
   * a join on `parks` (the parks module's table), a pure read kept inside the COPY so that the file streams from one
   * statement whatever its size.
   */
  async streamCsv(filter: CurrentObservationFilter): Promise<Readable> {
    // COPY takes no bind parameters: every value of the filter has been validated and is quoted as a literal.
    const where = currentFilterSql(filter, (value) => escapeLiteral(String(value)));
    // Empty text goes out as NULL, i.e. an unquoted empty cell, as spreadsheets write it.
    const sql = `COPY (
      SELECT i.code AS indicator_code, o.scope_type,
             ${guard(`CASE o.scope_type WHEN 'park' THEN o.park_id::text WHEN 'city' THEN o.province || '/' || o.city ELSE o.province END`)} AS scope,
             o.period, nullif(o.disaggregation, '') AS disaggregation, o.value::text AS value,
             nullif(${guard('o.source')}, '') AS source, nullif(${guard('o.notes')}, '') AS notes,
             ${guard(`CASE o.scope_type WHEN 'park' THEN coalesce(p.name->>'en', p.name->>'zh', '') WHEN 'city' THEN o.city || ', ' || o.province ELSE o.province END`)} AS scope_name,
             o.status, CASE WHEN o.is_demo THEN 'true' ELSE 'false' END AS is_demo,
             to_char(o.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS reported_at
        FROM observations o
        JOIN indicators i ON i.id = o.indicator_id
        LEFT JOIN parks p ON p.id = o.park_id
       WHERE ${where.join(' AND ')}
       ORDER BY i.code, o.scope_type, 3, o.disaggregation, o.period_start, o.period
    ) TO STDOUT WITH (FORMAT csv, HEADER true)`;

    // A byte-order mark so that spreadsheets read the Chinese names as UTF-8 (the importer skips it).
    return copyOut(this.dataSource, sql, '\uFEFF');
  }
}
