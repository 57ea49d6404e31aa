import { Entity } from 'typeorm';
import { BigintColumn, IntegerColumn, NullableReference, NullableUuidColumn, TextColumn, UuidColumn } from '../../common/columns';
import { Recorded } from '../../common/entity-bases';
import { User } from '../../users/entities/user.entity';

/** One uploaded version of a document: its bytes are in the document store under storageKey (an id). */
@Entity('document_versions')
export class DocumentVersion extends Recorded {
  @UuidColumn()
  documentId: string;

  @IntegerColumn()
  version: number;

  /** The uploaded file's name, made safe to show (no path, no control characters). */
  @TextColumn()
  name: string;

  /** Read from the content, never taken from the client. */
  @TextColumn()
  mediaType: string;

  @BigintColumn()
  sizeBytes: string;

  @TextColumn()
  sha256: string;

  @TextColumn()
  storageKey: string;

  @NullableUuidColumn()
  uploadedById: string | null;

  @NullableReference(() => User, 'uploaded_by_id')
  uploadedBy: User | null;
}
