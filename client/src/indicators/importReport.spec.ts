import { ApiError } from '../api/errors';
import type { ImportReport } from '../api/types';
import en from '../i18n/en.json';
import { CSV_COLUMNS, csvTemplate, reportFromError, shapeImportReport } from './importReport';

const base: ImportReport = {
  ok: true,
  dryRun: false,
  rows: 3,
  inserted: 2,
  superseded: 1,
  unchanged: 0,
  verified: 0,
  errors: [],
  errorCount: 0,
  importId: 'imp-1',
  warnings: [],
  warningCount: 0,
};
const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);

describe('import report', () => {
  it('shows the counts of an accepted file', () => {
    expect(shapeImportReport(base)).toEqual({
      kind: 'accepted',
      dryRun: false,
      rows: 3,
      inserted: 2,
      superseded: 1,
      unchanged: 0,
      importId: 'imp-1',
      warnings: [],
      warningCount: 0,
    });
  });

  it('groups a refused file by row, in row then column order, with known messages translated', () => {
    const report: ImportReport = {
      ...base,
      ok: false,
      inserted: 0,
      superseded: 0,
      importId: null,
      errorCount: 5,
      errors: [
        { row: 4, field: 'period', message: 'period 2030 has not begun yet' },
        { row: 3, field: 'value', message: 'value must be a number (digits, . for decimals, no thousands separators)' },
        { row: 3, field: 'disaggregation', message: 'disaggregation "sex=girl" is not allowed for GJ.GREEN_JOBS; allowed: sex=female, sex=male' },
        { row: 4, field: 'indicator_code', message: 'no indicator has the code "NOPE"' },
        { row: 4, field: 'scope', message: 'something the client has never heard of' },
      ],
    };
    const shaped = shapeImportReport(report);
    if (shaped.kind !== 'rejected') throw new Error('expected a rejection');
    expect(shaped.badRows.map((r) => r.row)).toEqual([3, 4]);
    expect(shaped.badRows[0].problems.map((p) => p.field)).toEqual(['disaggregation', 'value']);
    expect(shaped.badRows[1].problems.map((p) => p.field)).toEqual(['indicator_code', 'scope', 'period']);
    expect(shaped.badRows[0].problems[0].key).toEqual({
      key: 'errors.field.disaggregationAllowed',
      values: { code: 'GJ.GREEN_JOBS', allowed: 'sex=female, sex=male' },
    });
    expect(shaped.badRows[1].problems[0].key).toEqual({ key: 'errors.field.unknownIndicatorCode', values: { code: 'NOPE' } });
    expect(shaped.badRows[1].problems[2].key).toEqual({ key: 'errors.field.periodFuture', values: { period: '2030' } });
    // Unknown wording is kept as the server wrote it rather than hidden behind "not valid".
    expect(shaped.badRows[1].problems[1]).toMatchObject({ key: null, message: 'something the client has never heard of' });
    for (const row of shaped.badRows) for (const p of row.problems) if (p.key) expect(lookup(p.key.key)).toBeDefined();
    expect(shaped).toMatchObject({ errorCount: 5, listed: 5, fileProblems: [] });
  });

  it('keeps header problems apart from the rows, and says when the list was cut', () => {
    const shaped = shapeImportReport({
      ...base,
      ok: false,
      errorCount: 12000,
      errors: [
        { row: 1, field: 'value', message: 'the column value is missing (the header must name indicator_code, …)' },
        { row: 2, field: 'value', message: 'value is required' },
      ],
    });
    if (shaped.kind !== 'rejected') throw new Error('expected a rejection');
    expect(shaped.fileProblems).toHaveLength(1);
    expect(shaped.fileProblems[0].key).toEqual({ key: 'errors.field.missingColumn', values: { column: 'value' } });
    expect(shaped.badRows).toHaveLength(1);
    expect(shaped.errorCount).toBe(12000);
    expect(shaped.listed).toBe(2);
  });

  it('finds the report in a refused upload, and turns an upload problem into a file problem', () => {
    const report = { ...base, ok: false, errors: [{ row: 2, field: 'value', message: 'value is required' }], errorCount: 1 };
    const refused = ApiError.fromBody(400, { statusCode: 400, error: 'Bad Request', message: '1 problem', details: [], ...report });
    expect(reportFromError(refused)).toEqual(report);
    const noFile = ApiError.fromBody(400, { statusCode: 400, message: 'x', details: [{ field: 'file', message: 'send the CSV as the multipart field file' }] });
    expect(reportFromError(noFile)?.errors).toEqual([{ row: 0, field: 'file', message: 'send the CSV as the multipart field file' }]);
    expect(reportFromError(new ApiError(403, 'no'))).toBeNull();
    expect(reportFromError(new Error('x'))).toBeNull();
  });

  it('offers a template with the header the importer expects', () => {
    const [header, row] = csvTemplate('Park, "A"', 2024).split('\r\n');
    expect(header.split(',')).toEqual([...CSV_COLUMNS]);
    expect(row).toBe('GJ.GREEN_JOBS,park,"Park, ""A""",2024,,1250,Park HR survey,');
  });
});
