import type { Readable } from 'node:stream';

/**
 * Where the bytes of document versions live, under keys the server makes up (ids, never uploaded names). A folder
 * under DATA_DIR by default; an S3-compatible bucket when several app processes must share the files.
 */
export interface DocumentStore {
  /** Human-readable, for the start-up log. */
  readonly description: string;
  /** Writes the whole stream under key. If the stream or the write fails, nothing is left under key. */
  write(key: string, body: Readable): Promise<void>;
  /** The stored bytes; rejects when there is nothing under key. */
  read(key: string): Promise<Readable>;
  /** Removes what is under key (nothing there is not an error). */
  remove(key: string): Promise<void>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
