import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';

/** A malformed upload: the message names what is wrong (the field is always `file`). */
export class UploadError extends Error {}

const CRLF2 = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a multipart/form-data content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType)) return null;
  const match = contentType.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i);
  return match ? (match[1] ?? match[2]) : null;
}

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'done';

/**
 * Streams out the bytes of one file field of a multipart/form-data body as they arrive, so an upload of any size
 * is parsed without being held in memory (nor written to disk). Any other field is refused: the upload is the file.
 * Only the last (delimiter − 1) bytes are ever kept back, in case a boundary straddles two chunks.
 */
export class MultipartFileStream extends Transform {
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  /** Bytes not yet consumed; the body is preceded by a virtual CRLF so the first boundary looks like the others. */
  private pending: Buffer = Buffer.from('\r\n');
  private target = false;
  private found = false;

  constructor(
    boundary: string,
    private readonly field = 'file',
  ) {
    super();
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      this.consume();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  _flush(callback: TransformCallback): void {
    if (this.state !== 'done') return callback(new UploadError('the multipart body ended before its closing boundary'));
    if (!this.found) return callback(new UploadError(`no ${this.field} field in the upload: send the CSV as the field "${this.field}"`));
    callback();
  }

  private consume(): void {
    for (;;) {
      switch (this.state) {
        case 'preamble':
        case 'body': {
          const at = this.pending.indexOf(this.delimiter);
          if (at < 0) {
            // Everything except a possible partial delimiter at the end is part body (or preamble).
            const keep = Math.min(this.pending.length, this.delimiter.length - 1);
            const out = this.pending.subarray(0, this.pending.length - keep);
            if (this.state === 'body' && this.target && out.length) this.push(out);
            this.pending = this.pending.subarray(this.pending.length - keep);
            return;
          }
          if (this.state === 'body' && this.target && at > 0) this.push(this.pending.subarray(0, at));
          this.pending = this.pending.subarray(at + this.delimiter.length);
          this.state = 'delimiter';
          break;
        }
        case 'delimiter': {
          if (this.pending.length < 2) return;
          const next = this.pending.subarray(0, 2).toString('latin1');
          if (next === '--') {
            this.state = 'done';
            this.pending = Buffer.alloc(0);
            return;
          }
          if (next !== '\r\n') throw new UploadError('malformed multipart body');
          this.pending = this.pending.subarray(2);
          this.state = 'headers';
          break;
        }
        case 'headers': {
          const end = this.pending.indexOf(CRLF2);
          if (end < 0) {
            if (this.pending.length > MAX_HEADER_BYTES) throw new UploadError('multipart part headers are too long');
            return;
          }
          this.startPart(this.pending.subarray(0, end).toString('utf8'));
          this.pending = this.pending.subarray(end + CRLF2.length);
          this.state = 'body';
          break;
        }
        case 'done':
          this.pending = Buffer.alloc(0);
          return;
      }
    }
  }

  private startPart(headers: string): void {
    const disposition = headers.split('\r\n').find((line) => /^content-disposition:/i.test(line)) ?? '';
    const name = disposition.match(/\bname="([^"]*)"/i)?.[1] ?? disposition.match(/\bname=([^;\s]+)/i)?.[1];
    if (name !== this.field) throw new UploadError(`unknown field "${name ?? ''}": send only the CSV, as the field "${this.field}"`);
    if (this.found) throw new UploadError(`send one file per upload in the field "${this.field}"`);
    this.found = true;
    this.target = true;
  }
}

const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain)\b/i;

type Upload = Readable & { headers: Record<string, string | string[] | undefined>; complete: boolean };

/**
 * The CSV bytes of an upload: the body of a text/csv request, or the `file` field of a multipart form, extracted
 * as it streams. A malformed form, or a client that goes away mid-upload, fails the returned stream; the rest of
 * the request is then read and dropped, so an answer can still be sent.
 */
export function uploadedCsv(request: Upload): Readable {
  const contentType = String(request.headers['content-type'] ?? '');
  const boundary = multipartBoundary(contentType);
  if (!boundary && !CSV_TYPES.test(contentType)) {
    throw new UploadError('send the CSV as the multipart/form-data field "file", or as a text/csv body');
  }
  const csv = boundary ? new MultipartFileStream(boundary) : new PassThrough();
  csv.once('error', () => {
    request.unpipe(csv);
    request.resume();
  });
  request.once('error', (error) => csv.destroy(error));
  request.once('close', () => {
    if (!request.complete) csv.destroy(new UploadError('the upload was interrupted'));
  });
  request.pipe(csv);
  return csv;
}
