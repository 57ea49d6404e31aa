import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import type { RecordDocument } from './record-model';

/** Lists the documents attached to a roundtable (and its parts) that the reader may see, for its record. */
export type RecordDocumentsSource = (user: AuthUser, roundtableId: string) => Promise<RecordDocument[]>;

/**
 * Where the record's "Attached documents" section gets its list: the module that keeps documents provides a source;
 * until one is provided the section says there are none.
 */
@Injectable()
export class RecordDocuments {
  private source: RecordDocumentsSource | null = null;

  provide(source: RecordDocumentsSource): void {
    this.source = source;
  }

  async list(user: AuthUser, roundtableId: string): Promise<RecordDocument[]> {
    return this.source ? this.source(user, roundtableId) : [];
  }
}
