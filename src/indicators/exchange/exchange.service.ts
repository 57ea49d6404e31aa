import { HttpStatus, Injectable } from '@nestjs/common';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import type { AuthUser } from '../../auth/auth-user';
import { ApiError, badRequest, forbidden } from '../../common/errors';
import { multipartBoundary, multipartFile, UploadError, UploadTooLargeError } from '../../common/multipart';
import { parsePeriod } from '../../shared/periods';
import type { Dhis2ExportQuery, Dhis2ImportQuery, Dhis2ImportSummary, SdmxAllExportQuery, SdmxExportQuery, SdmxImportQuery } from '../dto/exchange.dto';
import type { ImportError, ImportQuery, ImportReport, ImportWarning } from '../dto/observation.dto';
import { IndicatorsService } from '../indicators.service';
import { MAX_ROW_CHARACTERS } from '../observations/csv-format';
import { CsvRecords, CsvSyntaxError } from '../observations/csv-records';
import { uploadedCsv } from '../observations/multipart';
import { ObservationImportService, type RecordSource } from '../observations/observation-import.service';
import { DHIS2_FIELDS, dhis2Records, SDMX_FIELDS, SdmxRecordReader } from './exchange-format';
import { type ExchangeFilter, ExchangeRepository } from './exchange.repository';

/** A DHIS2 file is read whole before it is parsed (JSON): at most this many bytes. */
export const DHIS2_MAX_BYTES = 64 * 1024 * 1024;
/** An .xlsx upload: at most this many bytes. */
export const XLSX_MAX_BYTES = 100 * 1024 * 1024;
const XLSX_TYPES = /^application\/(vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet|octet-stream)\b/i;

type Upload = Readable & { headers: Record<string, string | string[] | undefined>; complete: boolean };

const today = () => new Date().toISOString().slice(0, 10);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Renames the fields of an import report's rows to the source format's names (one message per row and field). */
function renameFields<T extends { row: number; field: string }>(rows: T[], names: Record<string, string>, dedupe = false): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const row of rows) {
    const field = names[row.field] ?? row.field;
    const key = `${row.row}|${field}`;
    if (dedupe && seen.has(key)) continue;
    seen.add(key);
    out.push({ ...row, field });
  }
  return out;
}

/** The report of an import whose rows came from another format, with that format's field names. */
async function inFormat(names: Record<string, string>, work: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    const report = await work();
    return { ...report, warnings: renameFields(report.warnings, names) };
  } catch (error) {
    if (!(error instanceof ApiError) || error.getStatus() !== 400) throw error;
    const body = error.getResponse() as Record<string, unknown>;
    if (!Array.isArray(body.errors)) throw error;
    const errors = renameFields(body.errors as ImportError[], names, true);
    const details = errors.slice(0, 100).map((e) => ({ field: `rows[${e.row}].${e.field}`, message: e.message }));
    const report = Object.fromEntries(Object.entries(body).filter(([key]) => !['statusCode', 'error', 'message', 'details'].includes(key)));
    throw new ApiError(HttpStatus.BAD_REQUEST, String(body.message), details, { ...report, errors, warnings: [] });
  }
}

/** Each batch of records the CSV reader gives, read into the importer's records. */
class Batches extends Transform {
  constructor(private readonly toRecord: (record: string[]) => string[]) {
    super({ objectMode: true });
  }
  _transform(records: string[][], _e: BufferEncoding, callback: TransformCallback): void {
    callback(null, records.map(this.toRecord));
  }
}

/**
 * Exchange with the systems national statisticians use: the verified series out as SDMX-CSV 2.0 (ILOSTAT-style
 * dimensions) and DHIS2 dataValueSets, and both back in; and spreadsheets (.xlsx) in. Every import goes through the
 * observations importer (ObservationImportService), so the same checks, rules, warnings and locks apply, a file goes
 * in whole or not at all, and the row report names the rows as the file numbers them.
 */
@Injectable()
export class ExchangeService {
  constructor(
    private readonly repository: ExchangeRepository,
    private readonly indicators: IndicatorsService,
    private readonly importer: ObservationImportService,
  ) {}

  private async filter(query: SdmxExportQuery & { indicator?: string }, ref?: string): Promise<{ filter: ExchangeFilter; code: string }> {
    if (query.city && !query.province) throw badRequest('province', 'province is required with a city');
    const filter: ExchangeFilter = {
      province: query.province,
      city: query.city,
      startsFrom: query.from ? parsePeriod(query.from)!.start : undefined,
      endsUntil: query.to ? parsePeriod(query.to)!.end : undefined,
    };
    let code = 'indicators';
    if (ref !== undefined || query.indicator) {
      const indicator = ref !== undefined ? await this.indicators.findOrFail(ref) : await this.indicators.findForField(query.indicator!, 'indicator');
      filter.indicatorId = indicator.id;
      code = indicator.code;
    }
    return { filter, code };
  }

  /** One indicator's verified series (ref given) or every indicator's, as SDMX-CSV 2.0. */
  async sdmx(query: SdmxAllExportQuery, ref?: string): Promise<{ filename: string; stream: Readable }> {
    const { filter, code } = await this.filter(query, ref);
    return { filename: `sdmx-${slug(code)}-${today()}.csv`, stream: await this.repository.streamSdmx(filter) };
  }

  /** The verified values as a DHIS2 dataValueSet. */
  async dhis2(query: Dhis2ExportQuery): Promise<{ filename: string; stream: Readable }> {
    if (query.indicator && query.dataElement && query.indicator !== query.dataElement) {
      throw badRequest('dataElement', 'give indicator or dataElement, not two different ones');
    }
    const ref = query.indicator ?? query.dataElement;
    const { filter, code } = await this.filter({ province: query.province, city: query.city });
    if (ref) filter.indicatorId = (await this.indicators.findForField(ref, query.indicator ? 'indicator' : 'dataElement')).id;
    filter.category = query.dataSet;
    filter.refArea = query.orgUnit;
    filter.startsFrom = query.startDate;
    filter.endsUntil = query.endDate;
    return { filename: `datavalueset-${slug(ref ?? query.dataSet ?? code)}-${today()}.json`, stream: await this.repository.streamDhis2(filter) };
  }

  /** An SDMX-CSV file (multipart field `file`, or a text/csv body) into observations. */
  async importSdmx(user: AuthUser, request: Upload, query: SdmxImportQuery): Promise<ImportReport> {
    await this.importer.assertMayImport(user);
    let bytes: Readable;
    try {
      bytes = uploadedCsv(request);
    } catch (error) {
      if (error instanceof UploadError) throw badRequest('file', error.message);
      throw error;
    }
    const reader = new SdmxRecordReader(await this.repository.unitsByCode());
    // SDMX-CSV is plain RFC 4180 CSV: read by the CSV import's reader, with its limit on a row (the header's too), so
    // an oversized row is refused as it arrives (csv-parse read a 900 KB header whole first, 120 ms on the event loop).
    // Empty lines are kept (as one empty field) so record n is row n.
    const parser = new CsvRecords(MAX_ROW_CHARACTERS, MAX_ROW_CHARACTERS, 'file');
    const records = new Batches((record) => reader.read(record));
    // The reader adds to its problems as the rows stream; the importer reads them once staging is done.
    const source: RecordSource = Object.assign(records, { problems: reader.problems });
    // pipeline: a failure anywhere (a row the reader cannot read, a broken upload) destroys every stage and reaches
    // the importer as it reads; no stage is left with an 'error' event nobody listens to.
    pipeline(bytes, parser, records, () => undefined);
    try {
      return await inFormat(SDMX_FIELDS, () =>
        this.importer.importRecords(user, source, { dryRun: query.dryRun, keepStatus: query.keepStatus !== false, format: 'sdmx-csv' }),
      );
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw badRequest('file', `The file is not readable CSV: ${error.message}`);
      throw error;
    }
  }

  /** A spreadsheet: the first sheet of an .xlsx workbook with the CSV import's columns. */
  async importXlsx(user: AuthUser, request: Upload, query: ImportQuery): Promise<ImportReport> {
    await this.importer.assertMayImport(user);
    const contentType = String(request.headers['content-type'] ?? '');
    let bytes: Readable;
    if (multipartBoundary(contentType)) bytes = multipartFile(request, { field: 'file', what: 'the workbook', maxBytes: XLSX_MAX_BYTES });
    else if (XLSX_TYPES.test(contentType)) bytes = request;
    else throw badRequest('file', 'send the workbook as the multipart/form-data field "file", or as an .xlsx body');
    // exceljs (a quarter of a second to load) is loaded at the first workbook, not at every start.
    const { xlsxRecords } = await import('../observations/xlsx-records');
    return this.importer.importRecords(user, xlsxRecords(bytes), { dryRun: query.dryRun, keepStatus: query.keepStatus, format: 'xlsx' });
  }

  /** A DHIS2 dataValueSet (a JSON body, or the multipart field `file`), answered with a DHIS2-style import summary. */
  async importDhis2(user: AuthUser, request: Upload, jsonBody: unknown, query: Dhis2ImportQuery): Promise<Dhis2ImportSummary> {
    await this.importer.assertMayImport(user);
    if (query.verified && user.role !== 'admin') throw forbidden('Only admins import values as verified');
    const set = await this.readJson(request, jsonBody);
    const { records, problems } = dhis2Records(set, !!query.verified);
    const source: RecordSource = Object.assign(Readable.from([records], { objectMode: true }), { problems });
    try {
      const report = await inFormat(DHIS2_FIELDS, () =>
        this.importer.importRecords(user, source, { dryRun: query.dryRun, keepStatus: !!query.verified, format: 'dhis2' }),
      );
      return {
        responseType: 'ImportSummary',
        status: report.warningCount ? 'WARNING' : 'SUCCESS',
        description: report.dryRun ? 'Dry run: nothing was written' : 'Import process completed successfully',
        importCount: { imported: report.inserted, updated: report.superseded, ignored: report.unchanged, deleted: 0 },
        conflicts: [],
        dryRun: report.dryRun,
        importId: report.importId,
        warnings: report.warnings,
        verified: report.verified,
      };
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() !== 400) throw error;
      const body = error.getResponse() as {
        message: string;
        details: { field: string; message: string }[];
        errors?: ImportError[];
        rows?: number;
        dryRun?: boolean;
      };
      if (!Array.isArray(body.errors)) throw error;
      const summary: Omit<Dhis2ImportSummary, 'warnings'> & { warnings: ImportWarning[] } = {
        responseType: 'ImportSummary',
        status: 'ERROR',
        description: `${body.message}`,
        importCount: { imported: 0, updated: 0, ignored: body.rows ?? 0, deleted: 0 },
        conflicts: body.errors.map((e) => ({ object: e.field, value: e.message, row: e.row })),
        dryRun: !!body.dryRun,
        importId: null,
        warnings: [],
        verified: 0,
      };
      throw new ApiError(HttpStatus.BAD_REQUEST, body.message, body.details, { ...summary });
    }
  }

  /** The JSON of a DHIS2 upload: the parsed body, or a multipart file read whole (at most DHIS2_MAX_BYTES). */
  private async readJson(request: Upload, jsonBody: unknown): Promise<unknown> {
    const contentType = String(request.headers['content-type'] ?? '');
    if (/^application\/json\b/i.test(contentType)) return jsonBody;
    if (!multipartBoundary(contentType)) throw badRequest('file', 'send the dataValueSet as a JSON body, or as the multipart/form-data field "file"');
    const file = multipartFile(request, { field: 'file', what: 'the dataValueSet', maxBytes: DHIS2_MAX_BYTES });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of file) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, error.message, [{ field: 'file', message: error.message }]);
      if (error instanceof UploadError) throw badRequest('file', error.message);
      throw error;
    }
    try {
      return JSON.parse(
        Buffer.concat(chunks)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    } catch (error) {
      throw badRequest('file', `the file is not JSON (${(error as Error).message})`);
    }
  }
}
