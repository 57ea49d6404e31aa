import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ActivityService } from '../../activity/activity.service';
import { type AuthUser, isStaff } from '../../auth/auth-user';
import { ApiError, forbidden } from '../../common/errors';
import { type Tx, UnitOfWork } from '../../database/unit-of-work';
import { ParksService } from '../../parks/parks.service';
import type { ImportError, ImportReport } from '../dto/observation.dto';
import { ScopesService } from '../scopes.service';
import { IMPORT_ERROR_LIMIT } from './csv-format';
import { ImportQualityRepository } from './import-quality.repository';
import { ObservationImportRepository } from './observation-import.repository';
import { ObservationsService } from './observations.service';

/** Ends the transaction of a dry run by rolling it back, carrying its report out. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('Dry run: rolled back');
  }
}

export interface ImportOptions {
  dryRun?: boolean;
  /**
   * Keep the file's statuses: rows it says are verified come in verified, reviewed by the importer, when the importer
   * is an admin (for anyone else every row is a new submission, as always). The audit record counts them.
   */
  keepStatus?: boolean;
  /** What the file was (csv, xlsx, sdmx, dhis2), for the audit record. */
  format?: string;
}

/** Records read from another format; problems the reader found in its rows refuse the file like any bad row. */
export type RecordSource = Readable & { problems?: ImportError[] };

const raced = () => new ApiError(HttpStatus.CONFLICT, 'Another import changed the same values at the same moment: upload the file again');

/**
 * CSV import of observations: the upload is parsed as a stream and copied into a staging table (COPY), then
 * checked and written set-based in SQL (ObservationImportRepository), all in one transaction: a file goes in whole
 * or not at all.
 */
@Injectable()
export class ObservationImportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: ObservationImportRepository,
    private readonly activity: ActivityService,
    private readonly observations: ObservationsService,
    private readonly parks: ParksService,
    private readonly scopes: ScopesService,
    private readonly quality: ImportQualityRepository,
  ) {}

  /** Refuses up front those who could report for no row at all, before reading the upload. */
  async assertMayImport(user: AuthUser): Promise<void> {
    if (isStaff(user)) return;
    if (user.role !== 'member') throw forbidden('Only facilitators, and members of park administrations, import values');
    if (!user.organizationId || !(await this.parks.runsAnyPark(user.organizationId))) {
      throw forbidden('Only facilitators, and members of park administrations, import values');
    }
  }

  async importCsv(user: AuthUser, input: Readable, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importFrom(user, input, 'csv', options);
  }

  /**
   * Imports rows read from another format (a spreadsheet, SDMX-CSV, DHIS2 JSON) as CsvRecords would give them:
   * batches of records, the first record the header of the CSV import (csv-format.ts), then one record per row of
   * the source, numbered as the source numbers them (an empty record for a row left blank). The same checks, rules,
   * warnings and locks as a CSV; `source.problems`, when the reader found some, refuse the file like any bad row.
   */
  async importRecords(user: AuthUser, source: RecordSource, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importFrom(user, source, 'records', options);
  }

  private async importFrom(user: AuthUser, input: Readable, format: 'csv' | 'records', options: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = {
      ok: false,
      dryRun: !!options.dryRun,
      rows: 0,
      inserted: 0,
      superseded: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      importId: null,
      warnings: [],
      warningCount: 0,
      verified: 0,
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.repository.prepare(tx);
        const lines = await this.repository.stage(tx, input, format);
        report.rows = lines.rows;
        const problems = (input as RecordSource).problems ?? [];
        const errors: ImportError[] = [...lines.errors, ...problems];
        let errorCount = lines.errorCount + problems.length;
        // Rows of the wrong width are left out of staging; every other row is still checked, so the report lists
        // every bad row. A bad header or broken quoting leaves nothing reliable to check.
        if (!lines.unreadable) {
          await this.repository.check(tx, { staff: isStaff(user), organizationId: user.organizationId });
          await this.quality.markLocked(tx);
          // Repeated rows are found when the rows are written (free for a clean file); a dry run writes nothing, and a
          // file refused for other errors must still list them, so there they are looked for now.
          let found = await this.repository.findRowErrors(tx);
          if (report.dryRun || found.count || errorCount) {
            if (await this.repository.markRepeated(tx, false)) found = await this.repository.findRowErrors(tx);
          }
          errors.push(...found.errors);
          errorCount += found.count;
        }
        if (errorCount) throw this.refuse(report, errors, errorCount);
        const repeated = await this.write(tx, user, report, !!options.keepStatus && user.role === 'admin', options.format);
        if (repeated) {
          const found = await this.repository.findRowErrors(tx);
          throw this.refuse(report, found.errors, found.count);
        }
        report.ok = true;
        if (report.dryRun) throw new DryRunDone(report);
      });
      return report;
    } catch (error) {
      if (error instanceof DryRunDone) return error.report;
      if ((error as { code?: string }).code === '23505') throw raced();
      throw error;
    }
  }

  /** Nothing is written (the transaction is rolled back by the error) and the report lists every bad row. */
  private refuse(report: ImportReport, errors: ImportError[], errorCount: number): ApiError {
    Object.assign(report, { inserted: 0, superseded: 0, unchanged: 0, importId: null, warnings: [], warningCount: 0, verified: 0 });
    report.errors = errors.sort((a, b) => a.row - b.row).slice(0, IMPORT_ERROR_LIMIT);
    report.errorCount = errorCount;
    return this.refusal(report);
  }

  /**
   * Plans and writes the rows. Answers true (having written nothing) when the file repeats a key: rows that may
   * replace stored values are searched for repetitions; among new keys the unique index finds them on writing.
   */
  private async write(tx: Tx, user: AuthUser, report: ImportReport, keepVerified: boolean, format?: string): Promise<boolean> {
    const planned = await this.repository.plan(tx);
    if (planned.rows && !report.dryRun && (await this.repository.markRepeated(tx, true))) {
      await this.repository.markRepeated(tx, false);
      return true;
    }
    Object.assign(report, { superseded: planned.superseded, unchanged: planned.unchanged, inserted: report.rows - planned.superseded - planned.unchanged });
    // The warning rules: flagged rows still go in, marked for follow-up, and the report lists them.
    await this.quality.flag(tx);
    const flagged = await this.quality.findWarnings(tx);
    Object.assign(report, { warnings: flagged.warnings, warningCount: flagged.count });
    if (keepVerified) report.verified = await this.repository.countVerified(tx);
    if (report.dryRun || report.inserted + report.superseded === 0) return false;
    const importId = randomUUID();
    report.importId = importId;
    // While the file is written, the indicators and parks it names cannot be deleted (observations carry no
    // foreign keys: this is the check a foreign key would make row by row, made once per indicator and park).
    await this.repository.lockIndicators(tx);
    await this.scopes.lockParks(tx, await this.repository.findParkIds(tx));
    if ((await this.repository.write(tx, { reporterId: user.id, importId, supersede: report.superseded > 0, keepVerified })) === 'key taken') {
      // A repeated key among the new rows, or another import writing the same values right now (then: 409).
      if (await this.repository.markRepeated(tx, false)) return true;
      throw raced();
    }
    // One audit record per file; each row it wrote carries its id (import_id).
    await this.activity.record(tx, {
      actorId: user.id,
      action: 'observations.imported',
      entityType: 'observation_import',
      entityId: importId,
      // verifiedOnImport: values an admin brought in verified as the file said (reviewed by that admin, in this record).
      changes: {
        rows: report.rows,
        inserted: report.inserted,
        superseded: report.superseded,
        unchanged: report.unchanged,
        warnings: report.warningCount,
        verifiedOnImport: report.verified,
        ...(format ? { format } : {}),
      },
    });
    await this.observations.pushReported(tx, user, {
      id: importId,
      importId,
      rows: report.rows,
      inserted: report.inserted,
      superseded: report.superseded,
    });
    return false;
  }

  private refusal(report: ImportReport): ApiError {
    const message = `${report.errorCount} problem${report.errorCount === 1 ? '' : 's'} in the file; nothing was imported`;
    const details = report.errors.slice(0, 100).map((e) => ({ field: `rows[${e.row}].${e.field}`, message: e.message }));
    return new ApiError(HttpStatus.BAD_REQUEST, message, details, { ...report });
  }
}
