import { PassThrough, type Readable } from 'node:stream';
import { multipartBoundary, multipartFile, UploadError } from '../../common/multipart';

export { UploadError };

const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain)\b/i;

type Upload = Readable & { headers: Record<string, string | string[] | undefined>; complete: boolean };

/**
 * The CSV bytes of an upload: the body of a text/csv request, or the `file` field of a multipart form (parsed by
 * busboy as it streams, src/common/multipart.ts). A malformed form, or a client that goes away mid-upload, fails the
 * returned stream; the rest of the request is then read and dropped, so an answer can still be sent.
 */
export function uploadedCsv(request: Upload): Readable {
  const contentType = String(request.headers['content-type'] ?? '');
  if (multipartBoundary(contentType)) return multipartFile(request, { field: 'file', what: 'the CSV' });
  if (!CSV_TYPES.test(contentType)) {
    throw new UploadError('send the CSV as the multipart/form-data field "file", or as a text/csv body');
  }
  const csv = new PassThrough();
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
