import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStore } from './document-store';

const KEY = /^[0-9a-z-]{8,64}$/;

/** Files in a folder (DATA_DIR/documents), two levels of fan-out by key; written aside, then renamed into place. */
export class FolderDocumentStore implements DocumentStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'documents');
  }

  get description(): string {
    return `folder ${this.root}`;
  }

  /** A key is made by the server, but is checked anyway so that no path can ever leave the folder. */
  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a document key: ${key}`);
    return join(this.root, key.slice(0, 2), key);
  }

  async write(key: string, body: Readable): Promise<void> {
    const path = this.pathOf(key);
    const partial = `${path}.${randomUUID()}.partial`;
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', highWaterMark: 1024 * 1024 }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    // Opened first, so that a missing file rejects here rather than failing the response half-way.
    const handle = await open(this.pathOf(key), 'r');
    return createReadStream('', { fd: handle, highWaterMark: 1024 * 1024 });
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
