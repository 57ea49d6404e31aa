import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';

/** A file that is not valid CSV; `code` starts with CSV_ like the errors of common parsers. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The part of the file the error is about: `file` (its syntax) or `header`. */
    readonly field: 'file' | 'header' = 'file',
  ) {
    super(message);
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Streams RFC 4180 CSV (UTF-8, comma-separated, "quoted" fields with "" for a quote, CRLF or LF line ends) into
 * records (arrays of strings), one record per row, an empty line giving ['']; the records of each chunk go out
 * together as one array (per-record stream overhead would cost more than the parsing). A row without quotes, which is nearly
 * every row of a data file, is split in one call; only rows with quotes go through the character-by-character
 * reading. Quotes inside an unquoted field are kept as written. Only the record being read is held back between
 * chunks, and at most `maxRecordSize` characters of it (`maxHeaderSize` for the first record, the header).
 */
export class CsvRecords extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private first = true;
  /** Rows completed so far (for error messages). */
  private rows = 0;
  private batch: string[][] = [];

  constructor(
    private readonly maxRecordSize = 1_000_000,
    private readonly maxHeaderSize = maxRecordSize,
    /** What a header over its limit is reported against: `header`, or `file` where the header is only a first row. */
    private readonly headerField: 'header' | 'file' = 'header',
  ) {
    super({ readableObjectMode: true });
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(this.decoder.write(chunk), false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  _flush(callback: TransformCallback): void {
    try {
      this.consume(this.decoder.end(), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private consume(chunk: string, last: boolean): void {
    // No row can end in a chunk without a line break: it is only kept (a row sent in many small pieces is not read
    // again from its start for each of them).
    if (!last && this.pending && !chunk.includes('\n')) {
      this.pending += chunk;
      this.checkPending();
      return;
    }
    let text = this.pending ? this.pending + chunk : chunk;
    if (this.first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let start = 0;
    const end = text.length;
    // Where the next quote is (searched again only once passed: searching from every row would be quadratic).
    let quote = -1;
    while (start < end) {
      if (this.rows === 1 && start > this.maxHeaderSize + 2) this.headerTooLong();
      const newline = text.indexOf('\n', start);
      const lineEnd = newline < 0 ? end : newline;
      if (quote < start) {
        quote = text.indexOf('"', start);
        if (quote < 0) quote = Infinity;
      }
      if (quote > lineEnd) {
        if (newline < 0 && !last) break; // an unfinished row: wait for the rest
        const stop = lineEnd > start && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        this.record(text.slice(start, stop).split(','));
        start = lineEnd + 1;
        continue;
      }
      const next = this.quoted(text, start, last);
      if (next < 0) break; // the quoted row continues in the next chunk
      start = next;
    }
    if (this.rows === 1 && start > this.maxHeaderSize + 2) this.headerTooLong();
    this.pending = start < end ? text.slice(start) : '';
    if (this.batch.length) {
      this.push(this.batch);
      this.batch = [];
    }
    this.checkPending();
  }

  private checkPending(): void {
    if (this.rows === 0 && this.pending.length > this.maxHeaderSize) this.headerTooLong();
    if (this.pending.length > this.maxRecordSize) {
      throw new CsvSyntaxError('CSV_MAX_RECORD_SIZE', `row ${this.rows + 1} is longer than ${this.maxRecordSize} characters`);
    }
  }

  private headerTooLong(): never {
    throw new CsvSyntaxError('CSV_MAX_HEADER_SIZE', `the header row is longer than ${this.maxHeaderSize} characters, the limit`, this.headerField);
  }

  /**
   * Reads one row with quotes starting at `start`; returns where the next row starts, or -1 when the row is not
   * complete in `text` (and more is coming).
   */
  private quoted(text: string, start: number, last: boolean): number {
    const fields: string[] = [];
    let i = start;
    const end = text.length;
    for (;;) {
      if (i < end && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!last) return -1;
            throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', `a quoted field opened in row ${this.rows + 1} is never closed`);
          }
          if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 >= end && !last) return -1; // is it "" split across chunks? wait for more
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < end) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF) break;
          j++;
        }
        if (j >= end && !last) return -1;
        const stop = j > i && text.charCodeAt(j - 1) === CR && (j >= end || text.charCodeAt(j) === LF) ? j - 1 : j;
        fields.push(text.slice(i, stop));
        i = j;
      }
      if (i >= end) {
        if (!last) return -1;
        this.record(fields);
        return end;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF || (c === CR && i + 1 < end && text.charCodeAt(i + 1) === LF)) {
        this.record(fields);
        return c === LF ? i + 1 : i + 2;
      }
      if (c === CR && i + 1 >= end) {
        if (!last) return -1;
        this.record(fields);
        return end;
      }
      throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', `in row ${this.rows + 1}, a quoted field must be followed by a comma or the end of the row`);
    }
  }

  private record(fields: string[]): void {
    this.rows++;
    this.batch.push(fields);
  }
}
