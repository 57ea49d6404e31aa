import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { ImportError } from '../dto/observation.dto';
import { UploadTooLargeError } from '../../common/multipart';
import { UploadError } from './multipart';

/** Records go to the importer in batches of this many rows, as CsvRecords gives them. */
const BATCH = 1000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as the text the CSV import would have read. Numbers as JavaScript writes them (61.5, 1250); a date in the
 * period column, which is what a spreadsheet makes of a month typed as 2024-07, as that month; other dates as ISO days.
 */
export function cellText(value: ExcelJS.CellValue, isPeriod: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const month = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}`;
    return isPeriod ? month : `${month}-${pad2(value.getUTCDate())}`;
  }
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null, isPeriod);
  if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
  return '';
}

/**
 * The first sheet of an .xlsx workbook as import records (ObservationImportService.importRecords), read as the
 * upload streams (exceljs' streaming reader): the header in row 1, then every row as the sheet numbers it (an empty
 * record for a row left out), so the import's row report names the sheet's own row numbers. Other sheets are read
 * through and ignored. A file that is not a workbook fails the stream with an UploadError.
 */
export function xlsxRecords(input: Readable): Readable & { problems: ImportError[] } {
  const problems: ImportError[] = [];
  async function* rows(): AsyncGenerator<string[][]> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Styles tell which numbers are dates (a month typed as 2024-07 is stored as a date).
      styles: 'cache',
      entries: 'ignore',
    });
    let sheets = 0;
    let width = 0;
    let periodAt = -1;
    let last = 0;
    let batch: string[][] = [];
    try {
      for await (const sheet of workbook) {
        sheets++;
        for await (const row of sheet) {
          if (sheets > 1) continue;
          const values = Array.isArray(row.values) ? row.values : [];
          if (last === 0) {
            if (row.number !== 1) {
              problems.push({ row: 1, field: 'header', message: 'the header must be in row 1 of the first sheet' });
              batch.push(['']);
            }
            const header = values.slice(1).map((v) => cellText(v ?? null, false).trim());
            while (header.length && !header[header.length - 1]) header.pop();
            width = header.length;
            periodAt = header.findIndex((name) => name.toLowerCase() === 'period');
            batch.push(header.length ? header : ['']);
            last = row.number;
            continue;
          }
          for (let n = last + 1; n < row.number; n++) batch.push(['']);
          last = row.number;
          const cells: string[] = [];
          for (let c = 1; c < Math.max(values.length, width + 1); c++) cells.push(cellText(values[c] ?? null, c - 1 === periodAt));
          if (cells.slice(width).some((cell) => cell.trim() !== '')) {
            problems.push({ row: row.number, field: 'row', message: `row has cells beyond the ${width} columns of the header` });
          }
          batch.push(cells.slice(0, width));
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
      }
    } catch (error) {
      if (error instanceof UploadError) throw error;
      if (error instanceof UploadTooLargeError) throw new UploadError(error.message);
      throw new UploadError(`the file is not an .xlsx workbook that can be read (${(error as Error).message})`);
    }
    if (!sheets) throw new UploadError('the workbook has no sheet');
    if (batch.length) yield batch;
  }
  return Object.assign(Readable.from(rows(), { objectMode: true }), { problems });
}
