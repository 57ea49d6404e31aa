import busboy from 'busboy';
import { PassThrough, type Readable } from 'node:stream';

/** A malformed upload: the message says what is wrong with it (the field is always the file's). */
export class UploadError extends Error {}

/** A file larger than the limit. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${Math.round(maxBytes / (1024 * 1024))} MB`);
  }
}

/** The boundary of a multipart/form-data content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType)) return null;
  const match = contentType.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i);
  return match ? (match[1] ?? match[2]) : null;
}

/** The bytes of the one file of an upload, as they arrive; its name is known before its first byte. */
export class UploadedFile extends PassThrough {
  /** The name the client gave, as sent (unsafe to use as it is). */
  fileName: string | undefined;
  /** The media type the client claimed (only ever a hint: content is sniffed). */
  claimedType: string | undefined;
}

export interface MultipartFileOptions {
  /** The form field that holds the file. */
  field?: string;
  /** What the file is, for messages ("the CSV", "the document"). */
  what?: string;
  /** Beyond this many bytes the stream fails with UploadTooLargeError. */
  maxBytes?: number;
}

type Upload = Readable & { headers: Record<string, string | string[] | undefined>; complete?: boolean };

/**
 * The one file of a multipart/form-data upload, parsed by busboy as it streams: nothing is held in memory or written
 * to disk beyond what the consumer of the returned stream reads. Any other field, a second file, a malformed or
 * truncated form, a file beyond maxBytes, or a client that goes away mid-upload fails the returned stream; the rest of
 * the request is then read and dropped, so that an answer can still be sent.
 */
export function multipartFile(request: Upload, options: MultipartFileOptions = {}): UploadedFile {
  const field = options.field ?? 'file';
  const what = options.what ?? 'the file';
  const out = new UploadedFile();
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      // busboy stops at its limit even when the file is exactly that long: one byte more tells a file beyond the limit.
      limits: { fileSize: options.maxBytes === undefined ? Infinity : options.maxBytes + 1, fieldSize: 64 * 1024, headerPairs: 20 },
      // Names in UTF-8, as browsers send them.
      defParamCharset: 'utf8',
    });
  } catch (error) {
    throw new UploadError(`send ${what} as the multipart/form-data field "${field}" (${(error as Error).message})`);
  }
  let found = false;
  const fail = (error: Error) => {
    if (!out.destroyed) out.destroy(error);
  };
  out.once('error', () => {
    request.unpipe(parser);
    request.resume();
  });

  parser.on('file', (name, file, info) => {
    if (name !== field) {
      file.resume();
      return fail(new UploadError(`unknown field "${name}": send only ${what}, as the field "${field}"`));
    }
    if (found) {
      file.resume();
      return fail(new UploadError(`send one file per upload in the field "${field}"`));
    }
    found = true;
    out.fileName = info.filename;
    out.claimedType = info.mimeType;
    file.once('limit', () => fail(new UploadTooLargeError(options.maxBytes ?? 0)));
    file.once('error', () => fail(new UploadError('the multipart body ended before its closing boundary')));
    out.once('error', () => {
      file.unpipe(out);
      file.resume();
    });
    file.pipe(out);
  });
  parser.on('field', (name) => fail(new UploadError(`unknown field "${name}": send only ${what}, as the field "${field}"`)));
  parser.once('error', (error: Error) =>
    fail(
      new UploadError(
        /end of form/i.test(error.message) ? 'the multipart body ended before its closing boundary' : `malformed multipart body (${error.message})`,
      ),
    ),
  );
  parser.once('close', () => {
    if (!found) fail(new UploadError(`no ${field} field in the upload: send ${what} as the field "${field}"`));
  });
  request.once('error', (error) => fail(error));
  request.once('close', () => {
    if (request.complete === false) fail(new UploadError('the upload was interrupted'));
  });
  request.pipe(parser);
  return out;
}
