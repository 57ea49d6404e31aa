import { createHash, randomBytes } from 'node:crypto';
import type { TestContext } from './context';

/** Files for upload tests: real magic bytes, then random filler of the given size. */
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A small but real-looking PDF: the magic bytes, then filler. */
export const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(size)]);
export const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);
/** The start of a Windows executable ("MZ", the DOS stub), whatever it is named. */
export const exe = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), randomBytes(20_000)]);

type BodyParser = Parameters<ReturnType<TestContext['http']['get']>['parse']>[0];
/** For supertest's `.parse()`: binary bodies come back whole, whatever their type. */
export const binary: BodyParser = (res, callback) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};
