import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES, sniffContentType, type SniffedType } from './content-type';

/** A file whose content is none of the accepted types. */
export class UnacceptedTypeError extends Error {
  constructor() {
    super('the file is not one of the accepted types: PDF, Word, Excel, PowerPoint, PNG, JPEG, GIF, WebP, CSV or plain text');
  }
}

/**
 * Passes an upload's bytes through unchanged while computing their SHA-256 and count, holding back only the first
 * SNIFF_BYTES until the type is read from them: a refused type fails the stream before a byte reaches the store.
 */
export class InspectedUpload extends Transform {
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headLength = 0;
  sizeBytes = 0;
  type: SniffedType | null = null;

  /** fileName: read when the type is decided (the name arrives with the file part, before its bytes). */
  constructor(private readonly fileName: () => string) {
    super({ highWaterMark: 1024 * 1024 });
  }

  private digest: string | undefined;

  /** Once the whole stream has passed. */
  get sha256(): string {
    return (this.digest ??= this.hash.digest('hex'));
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    if (this.type) return callback(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return callback();
    this.decide(callback);
  }

  _flush(callback: TransformCallback): void {
    if (this.type) return callback();
    this.decide(callback);
  }

  private decide(callback: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.type = sniffContentType(head, this.fileName());
    if (!this.type) return callback(new UnacceptedTypeError());
    callback(null, head);
  }
}
