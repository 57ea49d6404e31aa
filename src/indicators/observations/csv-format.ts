import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { canonicalDisaggregation } from '../disaggregation';
import type { ImportError } from '../dto/observation.dto';
import { parsePeriod, type Period } from '../../shared/periods';
import { numberText } from '../../shared/indicator-values';

/**
 * The observation CSV files, imported and exported alike (UTF-8, comma-separated, a header row, quotes as usual):
 *
 *   indicator_code  an indicator code, e.g. GJ.GREEN_JOBS
 *   scope_type      park | city | province
 *   scope           park: the park id, or its exact English or Chinese name if no other park has it;
 *                   city: Province/City, e.g. Jiangsu/Suzhou (a bare city name works when only one province has
 *                   parks in a city of that name); province: the province name. Cities and provinces are those of
 *                   the park directory; names match whatever their case.
 *   period          2020 (year), 2020-Q3 (quarter) or 2020-07 (month); it must have begun
 *   disaggregation  empty for the total, or key=value pairs joined by ; that the indicator allows, e.g. sex=female
 *   value           a number checked against the indicator's unit (. for decimals, no thousands separators)
 *   source, notes   free text (at most 500 and 2000 characters)
 *
 * Columns may come in any order. The export adds scope_name, status, is_demo and reported_at after them: the
 * importer accepts and ignores those (an import is always a new submission by the importer), so an export imports
 * again as it is. Blank rows are skipped. A text cell starting with = + - @ is exported with a leading ' so
 * spreadsheets do not run it as a formula; the importer removes that ' again.
 */
export const CSV_COLUMNS = ['indicator_code', 'scope_type', 'scope', 'period', 'disaggregation', 'value', 'source', 'notes'] as const;
export const CSV_INFO_COLUMNS = ['scope_name', 'status', 'is_demo', 'reported_at'] as const;

/** At most this many errors are listed in a report (errorCount says how many there were). */
export const IMPORT_ERROR_LIMIT = 10_000;

/**
 * The header names twelve columns at most; room is left for a spreadsheet's empty trailing columns, but a header
 * beyond these limits is refused before it is looked at, whatever it holds.
 */
export const MAX_HEADER_COLUMNS = 100;
export const MAX_HEADER_CHARACTERS = 4096;
/**
 * A row holds at most a 500-character source and 2,000 characters of notes besides a few short cells: a row longer
 * than this is refused as it is read, so no cell can grow without bound.
 */
export const MAX_ROW_CHARACTERS = 64 * 1024;

const FORMULA = /^[=+\-@\t\r]/;
/** The export guards text cells against spreadsheet formulas with a leading ' (in SQL); the import undoes it. */
export const unguardFormula = (text: string) => (text.startsWith("'") && FORMULA.test(text.slice(1)) ? text.slice(1) : text);

/** A field in PostgreSQL's COPY text format (null is \N). */
const copyText = (text: string | null) =>
  text === null ? '\\N' : /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The staging table the rows are copied into, in this column order: the cells as written (trimmed, codes and
 * periods upper-cased, disaggregations canonical), what the stream could already read from them (the park id,
 * the period's days, the number), and the id the row will have if it is stored. The checks are all in SQL.
 */
export const STAGING_COLUMNS = [
  'row_no int',
  'id uuid',
  'indicator_code text',
  'scope_type text',
  'scope text',
  'scope_uuid uuid',
  'period text',
  'period_start date',
  'period_end date',
  'disaggregation text',
  'value text',
  'value_num numeric',
  'source text',
  'notes text',
  'status text',
] as const;

/**
 * Ids for the rows of one import, UUID v7 style: the import's start time in milliseconds, random bits drawn once,
 * and the row's sequence number, so they are unique, and increasing in file order (the rows append to the id
 * index). Far cheaper than drawing random bytes for every row.
 */
export function rowIds(now = Date.now()): (n: number) => string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomBytes(6).toString('hex');
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${((parseInt(random[3], 16) & 0x3) | 0x8).toString(16)}${random.slice(4, 7)}-${random.slice(7, 11)}`;
  return (n) => head + n.toString(16).padStart(8, '0');
}

/**
 * Turns parsed CSV records into COPY text lines for the staging table, numbering rows as a spreadsheet does (the
 * header is row 1). It checks only the shape of the file (header, number of fields); everything about the values
 * is checked in SQL, set-based, once the rows are staged. Lines go out in batches, honouring back-pressure, so
 * memory stays flat whatever the size of the file.
 */
export class CsvToCopyLines extends Transform {
  /** Value rows seen (blank rows not counted). */
  rows = 0;
  errors: ImportError[] = [];
  errorCount = 0;
  /** The header is wrong or the quoting broken: no row could be read reliably. */
  unreadable = false;
  private record = 0;
  private staged = 0;
  private index: number[] | null = null;
  /** Where the optional status column is (-1: none); it counts only when an admin keeps the file's statuses. */
  private statusAt = -1;
  private readonly periods = new Map<string, Period | null>();
  private readonly nextId = rowIds();
  private width = 0;
  private batch: string[] = [];

  constructor() {
    super({ writableObjectMode: true, readableObjectMode: false });
  }

  /** The spreadsheet row being read (for an error the CSV parser raises). */
  get currentRow(): number {
    return this.record + 1;
  }

  fail(row: number, field: string, message: string): void {
    this.errorCount++;
    if (this.errors.length < IMPORT_ERROR_LIMIT) this.errors.push({ row, field, message });
  }

  /** Takes the records of one chunk (see CsvRecords). */
  _transform(records: string[][], _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const record of records) this.add(record);
    this.flushBatch();
    callback();
  }

  private add(record: string[]): void {
    this.record++;
    if (!this.index) return this.readHeader(record);
    if (this.unreadable || (!record[0].trim() && record.every((cell) => cell.trim() === ''))) return;
    this.rows++;
    if (record.length !== this.width) return this.fail(this.record, 'row', `row has ${record.length} fields; the header has ${this.width}`);
    const cell = (i: number) => record[this.index![i]].trim();
    // PostgreSQL stores no NUL character in text: such a cell is refused here, by its column.
    const withNul = this.index.findIndex((at) => record[at].includes('\u0000'));
    if (withNul >= 0) return this.fail(this.record, CSV_COLUMNS[withNul], `${CSV_COLUMNS[withNul]} must not contain NUL characters`);
    const scopeType = cell(1).toLowerCase();
    const scope = unguardFormula(cell(2));
    const periodText = cell(3).toUpperCase();
    const value = cell(5);
    // A file holds a few dozen periods: each is parsed once (the cache is capped against hostile files).
    let period = this.periods.get(periodText);
    if (period === undefined) {
      period = parsePeriod(periodText);
      if (this.periods.size < 1000) this.periods.set(periodText, period);
    }
    // Only cells as written can hold characters COPY must escape; the values made here cannot.
    this.batch.push(
      `${this.record}\t${this.nextId(++this.staged)}\t${copyText(cell(0).toUpperCase())}\t${copyText(scopeType)}\t${copyText(scope)}\t` +
        `${scopeType === 'park' && UUID.test(scope) ? scope.toLowerCase() : '\\N'}\t${copyText(periodText)}\t` +
        `${period ? `${period.start}\t${period.end}` : '\\N\t\\N'}\t${copyText(canonicalDisaggregation(cell(4)))}\t${copyText(value)}\t` +
        `${numberText(value) ?? '\\N'}\t${copyText(unguardFormula(cell(6)))}\t${copyText(unguardFormula(cell(7)))}\t` +
        `${this.statusAt >= 0 && record[this.statusAt].trim().toLowerCase() === 'verified' ? 'verified' : ''}`,
    );
  }

  _flush(callback: TransformCallback): void {
    if (!this.index) {
      this.fail(1, 'header', `the file is empty: it needs a header row (${CSV_COLUMNS.join(',')})`);
      this.unreadable = true;
    }
    this.flushBatch();
    callback();
  }

  private flushBatch(): void {
    if (!this.batch.length) return;
    this.push(this.batch.join('\n') + '\n');
    this.batch = [];
  }

  private readHeader(record: string[]): void {
    this.width = record.length;
    this.index = [];
    if (record.length > MAX_HEADER_COLUMNS) {
      this.fail(1, 'header', `the header has ${record.length} columns; at most ${MAX_HEADER_COLUMNS} are allowed`);
      this.unreadable = true;
      return;
    }
    const names = record.map((name) => name.trim().toLowerCase());
    const index = CSV_COLUMNS.map((column) => names.indexOf(column));
    CSV_COLUMNS.forEach((column, i) => {
      if (index[i] < 0) this.fail(1, 'header', `the column ${column} is missing (the header must name ${CSV_COLUMNS.join(', ')})`);
    });
    const known = new Set<string>([...CSV_COLUMNS, ...CSV_INFO_COLUMNS, '']);
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const name of names) {
      if (!known.has(name)) this.fail(1, 'header', `unknown column "${name}"`);
      if (name && seen.has(name)) repeated.add(name);
      seen.add(name);
    }
    for (const name of repeated) this.fail(1, 'header', `the column ${name} appears twice`);
    this.index = index;
    this.statusAt = names.indexOf('status');
    // With a bad header the rows cannot be read reliably: they are still read through (so the upload completes)
    // but not staged.
    this.unreadable = this.errorCount > 0;
  }
}
