import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { multipartBoundary, multipartFile, UploadError, UploadTooLargeError } from './multipart';

const boundary = '----form7MA4YWxkTrZu0gW';
const form = (parts: { name: string; filename?: string; body: string }[]) =>
  Buffer.from(
    parts
      .map(
        (p) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n` +
          `Content-Type: text/csv\r\n\r\n${p.body}\r\n`,
      )
      .join('') + `--${boundary}--\r\n`,
  );

/** A request-like stream that feeds `bytes` in chunks of `size`. */
const requestOf = (bytes: Buffer, size: number) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Object.assign(Readable.from(chunks), { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
};
const extract = (bytes: Buffer, size: number, maxBytes?: number) => buffer(multipartFile(requestOf(bytes, size), { maxBytes }));

describe('multipartFile', () => {
  const csv = 'indicator_code,value\r\nGJ.GREEN_JOBS,12\r\n--not a boundary\r\n苏州,1\r\n';

  it('reads the boundary from the content type', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('text/csv')).toBeNull();
  });

  it.each([1, 2, 7, 41, 1000])('extracts the file exactly, whatever the chunk size (%d bytes)', async (size) => {
    const out = await extract(form([{ name: 'file', filename: 'values.csv', body: csv }]), size);
    expect(out.toString('utf8')).toBe(csv);
  });

  it('knows the file name (UTF-8) before the first byte', async () => {
    const file = multipartFile(requestOf(form([{ name: 'file', filename: '苏州 plan.csv', body: csv }]), 64));
    const first = await new Promise<string | undefined>((resolve) => file.once('data', () => resolve(file.fileName)));
    expect(first).toBe('苏州 plan.csv');
  });

  it('refuses another field, a second file and a truncated body', async () => {
    await expect(extract(form([{ name: 'upload', body: csv }]), 64)).rejects.toThrow(UploadError);
    await expect(extract(form([{ name: 'upload', body: csv }]), 64)).rejects.toThrow('unknown field "upload"');
    await expect(
      extract(
        form([
          { name: 'file', filename: 'a.csv', body: 'a' },
          { name: 'file', filename: 'b.csv', body: 'b' },
        ]),
        64,
      ),
    ).rejects.toThrow('one file');
    const whole = form([{ name: 'file', filename: 'a.csv', body: csv }]);
    await expect(extract(whole.subarray(0, whole.length - 20), 64)).rejects.toThrow('ended before');
    await expect(extract(Buffer.from(`--${boundary}--\r\n`), 64)).rejects.toThrow('no file field');
  });

  it('fails a file beyond the limit, and passes one at the limit', async () => {
    const body = 'x'.repeat(1000);
    await expect(extract(form([{ name: 'file', filename: 'a.txt', body }]), 64, 999)).rejects.toThrow(UploadTooLargeError);
    expect((await extract(form([{ name: 'file', filename: 'a.txt', body }]), 64, 1000)).toString()).toBe(body);
  });
});
