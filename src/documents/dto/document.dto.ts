import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { ListOf } from '../../common/page-of';
import { DOCUMENT_TARGETS, type DocumentTarget } from '../entities/document.entity';

export { DOCUMENT_TARGETS, type DocumentTarget };

const TARGET_MESSAGE = `targetType must be one of ${DOCUMENT_TARGETS.join(', ')}`;

/** The thing documents are attached to: a roundtable, agenda item, decision, working group, commitment or channel. */
export class DocumentTargetQuery {
  @IsIn(DOCUMENT_TARGETS, { message: TARGET_MESSAGE })
  targetType: DocumentTarget;

  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId: string;
}

export class DocumentVersionParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  /** 1 for the first upload. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'version must be a whole number' })
  @Min(1, { message: 'version must be at least 1' })
  @ApiInteger()
  version: number;
}

export class DownloadQuery {
  /**
   * inline asks to show a raster image (PNG, JPEG, GIF, WebP) in the page, for a preview; any other type is still
   * sent as an attachment.
   */
  @IsOptional()
  @IsIn(['attachment', 'inline'], { message: 'disposition must be attachment or inline' })
  disposition?: 'attachment' | 'inline';
}

export class DocumentPersonRef {
  id: string;
  displayName: string;
}

export class DocumentVersionView {
  @ApiInteger()
  version: number;
  /** The uploaded name, made safe (no path, no control characters). */
  name: string;
  /** Read from the content, not from what the uploader claimed. */
  mediaType: string;
  @ApiInteger()
  sizeBytes: number;
  /** SHA-256 of the bytes, hex, computed as they were received. */
  sha256: string;
  uploadedBy: DocumentPersonRef | null;
  createdAt: string;
}

export class DocumentView {
  id: string;
  targetType: DocumentTarget;
  targetId: string;
  /** The name of the current version. */
  name: string;
  @ApiInteger()
  currentVersion: number;
  /** The current version. */
  current: DocumentVersionView;
  /** Every version, newest first. */
  versions: DocumentVersionView[];
  /** Whether you may upload a new version. */
  canAddVersion: boolean;
  createdBy: DocumentPersonRef | null;
  createdAt: string;
  updatedAt: string;
}

export class DocumentList extends ListOf(DocumentView) {
  /** Whether you may attach a new document here. */
  canUpload: boolean;
}

/** A line of a roundtable's record: what is attached to it, its agenda items and its decisions. */
export interface RecordDocument {
  id: string;
  name: string;
  targetType: 'roundtable' | 'agenda_item' | 'decision';
  targetId: string;
  version: number;
  sizeBytes: number;
  mediaType: string;
  uploadedBy: string | null;
  uploadedAt: Date;
}
