import { Injectable } from '@nestjs/common';
import { PassThrough, type Readable } from 'node:stream';
import { escapeLiteral, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { forbidden } from '../../common/errors';
import { seesUnverified } from '../../shared/indicator-access';
import type { ExportQuery } from '../dto/observation.dto';
import { IndicatorsService } from '../indicators.service';
import { parsePeriod } from '../../shared/periods';
import { ScopesService } from '../scopes.service';

/** The spreadsheet formula guard of csv-format.ts, in SQL. */
const guard = (expr: string) => `CASE WHEN ${expr} ~ ('^[=+@' || chr(9) || chr(13) || '-]') THEN '''' || ${expr} ELSE ${expr} END`;

/**
 * CSV export of current observations in the import format (csv-format.ts), streamed straight from PostgreSQL
 * (COPY … TO STDOUT) so an export of millions of rows never sits in memory. Demo values say so in is_demo.
 */
@Injectable()
export class ObservationExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
  ) {}

  async open(user: AuthUser, query: ExportQuery): Promise<{ filename: string; stream: Readable }> {
    if (!seesUnverified(user) && query.status && query.status !== 'verified') throw forbidden('Observers follow verified values only');
    const status = query.status ?? (seesUnverified(user) ? undefined : 'verified');
    // COPY takes no bind parameters: every value below is validated first and then quoted as a literal.
    const where = ['o.superseded_at IS NULL'];
    let code = 'observations';
    if (query.indicatorId) {
      const indicator = await this.indicators.findForField(query.indicatorId, 'indicatorId');
      where.push(`o.indicator_id = ${escapeLiteral(indicator.id)}`);
      code = indicator.code;
    }
    if (query.scope) {
      const scope = await this.scopes.fromText(query.scopeType, query.scope);
      where.push(
        scope.type === 'park'
          ? `o.park_id = ${escapeLiteral(scope.parkId!)}`
          : `o.park_id IS NULL AND o.province = ${escapeLiteral(scope.province)} AND o.city = ${escapeLiteral(scope.city)}`,
      );
    } else if (query.scopeType) where.push(`o.scope_type = ${escapeLiteral(query.scopeType)}`);
    if (status) where.push(`o.status = ${escapeLiteral(status)}`);
    if (query.from) where.push(`o.period_start >= ${escapeLiteral(parsePeriod(query.from)!.start)}`);
    if (query.to) where.push(`o.period_start <= ${escapeLiteral(parsePeriod(query.to)!.end)}`);
    // Empty text goes out as NULL, i.e. an unquoted empty cell, as spreadsheets write it.
    const sql = `COPY (
      SELECT i.code AS indicator_code, o.scope_type,
             CASE o.scope_type WHEN 'park' THEN o.park_id::text WHEN 'city' THEN o.province || '/' || o.city ELSE o.province END AS scope,
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

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const out = new PassThrough();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release();
    };
    const copy = client.query(copyTo(sql));
    // A byte-order mark so that spreadsheets read the Chinese names as UTF-8 (the importer skips it).
    out.write('\uFEFF');
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
      void this.dataSource.query('SELECT pg_cancel_backend($1)', [(client as PoolClient & { processID: number }).processID]).catch(() => undefined);
    });
    copy.pipe(out);
    const today = new Date().toISOString().slice(0, 10);
    return { filename: `${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${today}.csv`, stream: out };
  }
}
