import { fieldErrorKey, isApiError, type MessageKey } from '../api/errors';
import type { Dhis2ImportSummary, ImportError, ImportReport, ImportWarning } from '../api/types';

/** The columns of an observations CSV, in the template's order (docs/indicators.md, "CSV files"). */
export const CSV_COLUMNS = ['indicator_code', 'scope_type', 'scope', 'period', 'disaggregation', 'value', 'source', 'notes'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** Columns every row needs a value in. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['indicator_code', 'scope_type', 'scope', 'period', 'value'];

/** A template a data officer can fill in: the header and one example row for their park. */
export function csvTemplate(parkName = 'Suzhou Industrial Park', year = new Date().getFullYear() - 1): string {
  const cell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return (
    [
      CSV_COLUMNS.join(','),
      ['GJ.GREEN_JOBS', 'park', parkName, String(year), '', '1250', 'Park HR survey', ''].map(cell).join(','),
      ['GJ.GREEN_JOBS', 'park', parkName, String(year), 'sex=female', '540', 'Park HR survey', ''].map(cell).join(','),
    ].join('\r\n') + '\r\n'
  );
}

export interface RowProblem {
  field: string;
  message: string;
  /** The translation of the message when it is one the client knows; null to show the server's text. */
  key: MessageKey | null;
}

export interface RowReport {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  problems: RowProblem[];
}

export type ImportOutcome =
  | {
      kind: 'accepted';
      dryRun: boolean;
      rows: number;
      inserted: number;
      superseded: number;
      unchanged: number;
      importId: string | null;
      /** Rows that went in flagged by a warning rule (listed up to the server's limit), and how many warnings in all. */
      warnings: ImportWarning[];
      warningCount: number;
    }
  | {
      kind: 'rejected';
      rows: number;
      /** Bad rows in file order, each with its problems in column order. */
      badRows: RowReport[];
      /** Problems with the file as a whole (row 0 or 1: missing header, not CSV). */
      fileProblems: RowProblem[];
      /** All problems, also those not listed (the server lists at most 10 000). */
      errorCount: number;
      listed: number;
    };

const columnOrder = (field: string) => {
  const i = (CSV_COLUMNS as readonly string[]).indexOf(field);
  return i === -1 ? CSV_COLUMNS.length : i;
};

/** A known message becomes a translation key; anything else keeps the server's wording. */
function problemOf(e: Pick<ImportError, 'field' | 'message'>): RowProblem {
  const key = fieldErrorKey(e.message);
  return { field: e.field, message: e.message, key: key.key === 'errors.field.invalid' ? null : key };
}

/** Turns the importer's answer into what the page shows: the counts, or the bad rows grouped and ordered. */
export function shapeImportReport(report: ImportReport): ImportOutcome {
  if (report.ok) {
    return {
      kind: 'accepted',
      dryRun: report.dryRun,
      rows: report.rows,
      inserted: report.inserted,
      superseded: report.superseded,
      unchanged: report.unchanged,
      importId: report.importId,
      warnings: report.warnings ?? [],
      warningCount: report.warningCount ?? 0,
    };
  }
  const byRow = new Map<number, RowProblem[]>();
  const fileProblems: RowProblem[] = [];
  for (const e of report.errors) {
    // Row 1 is the header: a problem there (a missing or unknown column) concerns the whole file.
    if (e.row <= 1 || e.field === 'file') fileProblems.push(problemOf(e));
    else byRow.set(e.row, [...(byRow.get(e.row) ?? []), problemOf(e)]);
  }
  const badRows = [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, problems]) => ({ row, problems: [...problems].sort((a, b) => columnOrder(a.field) - columnOrder(b.field)) }));
  return {
    kind: 'rejected',
    rows: report.rows,
    badRows,
    fileProblems,
    errorCount: Math.max(report.errorCount, report.errors.length),
    listed: report.errors.length,
  };
}

const isReport = (body: unknown): body is ImportReport =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as ImportReport).ok === 'boolean' &&
  Array.isArray((body as ImportReport).errors) &&
  typeof (body as ImportReport).rows === 'number';

/**
 * The report carried by a refused import (a 400 whose body is the report), or null for other failures. A 400 about
 * the upload itself (no file, not multipart) has no report: it becomes one file problem.
 */
export function reportFromError(error: unknown): ImportReport | null {
  if (!isApiError(error) || error.status !== 400) return null;
  if (isReport(error.body)) {
    const { ok, dryRun, rows, inserted, superseded, unchanged, errors, errorCount, importId } = error.body;
    return { ok, dryRun, rows, inserted, superseded, unchanged, errors, errorCount, importId, warnings: [], warningCount: 0, verified: 0 };
  }
  if (error.details.length) {
    return {
      ok: false,
      dryRun: false,
      rows: 0,
      inserted: 0,
      superseded: 0,
      unchanged: 0,
      verified: 0,
      errors: error.details.map((d) => ({ row: 0, field: d.field, message: d.message })),
      errorCount: error.details.length,
      importId: null,
      warnings: [],
      warningCount: 0,
    };
  }
  return null;
}

/** A DHIS2 import summary (or the ERROR summary a refused set answers) as the import report the page shows. */
export function reportFromDhis2(summary: Dhis2ImportSummary): ImportReport {
  const { imported, updated, ignored } = summary.importCount;
  const ok = summary.status !== 'ERROR';
  return {
    ok,
    dryRun: summary.dryRun,
    rows: ok ? imported + updated + ignored : ignored,
    inserted: imported,
    superseded: updated,
    unchanged: ok ? ignored : 0,
    errors: summary.conflicts.map((c) => ({ row: c.row, field: c.object, message: c.value })),
    errorCount: summary.conflicts.length,
    importId: summary.importId,
    warnings: summary.warnings,
    warningCount: summary.warnings.length,
    verified: summary.verified,
  };
}

/** The ERROR summary carried by a refused DHIS2 import, as a report; null for other failures. */
export function reportFromDhis2Error(error: unknown): ImportReport | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const body = error.body as Partial<Dhis2ImportSummary> | undefined;
  if (body?.responseType !== 'ImportSummary' || !Array.isArray(body.conflicts) || !body.importCount) return null;
  return reportFromDhis2(body as Dhis2ImportSummary);
}
