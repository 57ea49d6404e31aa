import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { multipartBoundary, multipartFile, UploadError, UploadTooLargeError } from '../common/multipart';
import { ApiError, badRequest, forbidden, notFound, orNotFound } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import type { MessageAttachmentView } from '../realtime/dto/views';
import type { AttachmentTarget } from '../realtime/message-attachments';
import { ChannelAccessRegistry, type EffectiveAccess } from '../realtime/channel-access.registry';
import { ChannelsService } from '../realtime/channels.service';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { RASTER_IMAGE_TYPES } from './content-type';
import { DocumentsRepository, type MessageFileRow, type NewVersion } from './documents.repository';
import type { DocumentList, DocumentPersonRef, DocumentTarget, DocumentVersionView, DocumentView, RecordDocument } from './dto/document.dto';
import type { Document } from './entities/document.entity';
import type { DocumentVersion } from './entities/document-version.entity';
import { safeFileName, withExtension } from './file-name';
import { InspectedUpload, UnacceptedTypeError } from './received-file';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';

/** What a person may do with the documents of one thing, and the roundtable it belongs under (if any). */
interface TargetAccess {
  read: boolean;
  post: boolean;
  moderate: boolean;
  roundtableId: string | null;
}

/** A download: the bytes, and what to send with them. */
export interface DocumentDownload {
  stream: Readable;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** inline only for a raster image asked for as a preview. */
  disposition: 'attachment' | 'inline';
}

type Request = Readable & { headers: Record<string, string | string[] | undefined>; complete: boolean };

const toAttachmentView = (row: MessageFileRow): MessageAttachmentView => ({
  id: row.id,
  name: row.name,
  contentType: row.media_type,
  size: Number(row.size_bytes),
  sha256: row.sha256.trim(),
  url: `/api/documents/${row.id}/download`,
});

const personRef = (user: { id: string; displayName: string } | null): DocumentPersonRef | null =>
  user ? { id: user.id, displayName: user.displayName } : null;

const toVersionView = (v: DocumentVersion): DocumentVersionView => ({
  version: v.version,
  name: v.name,
  mediaType: v.mediaType,
  sizeBytes: Number(v.sizeBytes),
  sha256: v.sha256,
  uploadedBy: personRef(v.uploadedBy),
  createdAt: v.createdAt.toISOString(),
});

/**
 * Files attached to roundtables (and their agenda items and decisions), working groups, commitments and discussion
 * channels. Who may see and add them follows from the thing they are attached to, through its own module's rules
 * (the access resolvers the discussion channels use): what is hidden is not found.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly registry: ChannelAccessRegistry,
    private readonly channels: ChannelsService,
    private readonly roundtables: RoundtablesService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  // ---- rights, from the thing a document is attached to ----

  private async accessTo(user: AuthUser, targetType: DocumentTarget, targetId: string): Promise<TargetAccess | null> {
    let access: EffectiveAccess | null;
    let roundtableId: string | null = null;
    switch (targetType) {
      case 'roundtable':
        roundtableId = targetId;
        access = await this.registry.resolve(user, 'roundtable', targetId);
        break;
      case 'agenda_item':
      case 'decision':
        roundtableId = await this.roundtables.roundtableOf(targetType, targetId);
        access = roundtableId ? await this.registry.resolve(user, 'roundtable', roundtableId) : null;
        break;
      case 'working_group':
      case 'action_item':
        access = await this.registry.resolve(user, targetType, targetId);
        break;
      case 'channel': {
        const channel = await this.channels.byId(targetId);
        access = channel ? await this.channels.access(user, channel) : null;
        break;
      }
    }
    return access?.read ? { ...access, roundtableId } : null;
  }

  private async readable(user: AuthUser, documentId: string): Promise<{ document: Document; access: TargetAccess }> {
    const document = orNotFound(await this.documents.findById(documentId), 'Document');
    const access = await this.accessTo(user, document.targetType, document.targetId);
    if (!access) throw notFound('Document');
    return { document, access };
  }

  /** Who may add a version: whoever may add documents there and either uploaded it first or moderates there. */
  private mayAddVersion(user: AuthUser, document: Document, access: TargetAccess): boolean {
    return access.post && (access.moderate || document.createdById === user.id);
  }

  // ---- reading ----

  private async views(user: AuthUser, documents: Document[], access: TargetAccess): Promise<DocumentView[]> {
    const versions = await this.documents.versionsOf(documents.map((d) => d.id));
    return documents.map((d) => {
      const own = versions.filter((v) => v.documentId === d.id).map(toVersionView);
      return {
        id: d.id,
        targetType: d.targetType,
        targetId: d.targetId,
        name: d.name,
        currentVersion: d.currentVersion,
        current: own.find((v) => v.version === d.currentVersion)!,
        versions: own,
        canAddVersion: this.mayAddVersion(user, d, access),
        createdBy: personRef(d.createdBy),
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      };
    });
  }

  async list(user: AuthUser, targetType: DocumentTarget, targetId: string): Promise<DocumentList> {
    const access = await this.accessTo(user, targetType, targetId);
    if (!access) throw notFound(targetType === 'channel' ? 'Channel' : targetLabel(targetType));
    const items = await this.views(user, await this.documents.findAttachedTo(targetType, targetId), access);
    return { items, canUpload: access.post };
  }

  async get(user: AuthUser, id: string): Promise<DocumentView> {
    const { document, access } = await this.readable(user, id);
    const [view] = await this.views(user, [document], access);
    return view;
  }

  /** The bytes of a version (the current one when none is named), if the user may see what it is attached to. */
  async download(user: AuthUser, id: string, version?: number, wanted: 'attachment' | 'inline' = 'attachment'): Promise<DocumentDownload> {
    const { document } = await this.readable(user, id);
    const row = orNotFound(await this.documents.findVersion(document.id, version ?? document.currentVersion), 'Document version');
    const stream = await this.store.read(row.storageKey);
    return {
      stream,
      name: row.name,
      mediaType: row.mediaType,
      sizeBytes: Number(row.sizeBytes),
      sha256: row.sha256,
      disposition: wanted === 'inline' && RASTER_IMAGE_TYPES.has(row.mediaType) ? 'inline' : 'attachment',
    };
  }

  /**
   * For the roundtable's record (the report renderer, which has already checked the reader may see the roundtable):
   * the documents attached to the roundtable, its agenda items and its decisions, oldest first, with their current
   * version's number and size, who uploaded it and when.
   */
  async listForRoundtableRecord(roundtableId: string): Promise<RecordDocument[]> {
    const documents = await this.documents.findUnderRoundtable(roundtableId);
    const versions = await this.documents.versionsOf(documents.map((d) => d.id));
    return documents.map((d) => {
      const current = versions.find((v) => v.documentId === d.id && v.version === d.currentVersion)!;
      return {
        id: d.id,
        name: d.name,
        targetType: d.targetType as RecordDocument['targetType'],
        targetId: d.targetId,
        version: d.currentVersion,
        sizeBytes: Number(current.sizeBytes),
        mediaType: current.mediaType,
        uploadedBy: current.uploadedBy?.displayName ?? null,
        uploadedAt: current.createdAt,
      };
    });
  }

  // ---- files on messages (for the discussion's MessageAttachments) ----

  /** Attaches the author's not yet sent uploads to the channel to the message, in its transaction. */
  async attachToMessage(tx: Tx, target: AttachmentTarget, ids: string[]): Promise<MessageAttachmentView[]> {
    return (await this.documents.attachToMessage(tx, target, ids)).map(toAttachmentView);
  }

  /** The files of each message (the reader may read the channel, hence download them). */
  async filesOfMessages(messageIds: string[]): Promise<Map<string, MessageAttachmentView[]>> {
    const byMessage = new Map<string, MessageAttachmentView[]>();
    for (const row of await this.documents.filesOfMessages(messageIds)) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(toAttachmentView(row));
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }

  // ---- uploading ----

  /** Attaches a new document: the rights are checked before a byte of the upload is read. */
  async upload(user: AuthUser, targetType: DocumentTarget, targetId: string, request: Request): Promise<DocumentView> {
    const access = await this.accessTo(user, targetType, targetId);
    if (!access) throw notFound(targetLabel(targetType));
    if (!access.post) throw forbidden('You may see this but not attach documents to it');
    const version = await this.receive(user, request);
    const id = await this.saveOrForget(version, async () =>
      this.unitOfWork.run(async (tx) => {
        const documentId = await this.documents.insert(
          tx,
          { targetType, targetId, roundtableId: access.roundtableId, name: version.name, createdById: user.id },
          version,
        );
        await this.activity.recordBy(tx, user, 'document.uploaded', documentId, {
          targetType,
          targetId,
          name: version.name,
          version: 1,
          sizeBytes: Number(version.sizeBytes),
          sha256: version.sha256,
        });
        return documentId;
      }),
    );
    return this.get(user, id);
  }

  /** A new version of a document; the earlier ones are kept. */
  async addVersion(user: AuthUser, id: string, request: Request): Promise<DocumentView> {
    const { document, access } = await this.readable(user, id);
    if (!this.mayAddVersion(user, document, access)) throw forbidden('Only its uploader and those who moderate here may add a version');
    const version = await this.receive(user, request);
    await this.saveOrForget(version, async () =>
      this.unitOfWork.run(async (tx) => {
        const number = await this.documents.addVersion(tx, id, version);
        await this.activity.recordBy(tx, user, 'document.version_added', id, {
          name: version.name,
          version: number,
          sizeBytes: Number(version.sizeBytes),
          sha256: version.sha256,
        });
      }),
    );
    return this.get(user, id);
  }

  /** The rows are written after the bytes; if writing them fails, the stored bytes are removed again. */
  private async saveOrForget<T>(version: NewVersion, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      await this.store.remove(version.storageKey).catch((e: Error) => this.logger.warn(`could not remove ${version.storageKey}: ${e.message}`));
      throw error;
    }
  }

  /**
   * Streams the upload's one file into the store under a new key, reading its type from its first bytes and its
   * SHA-256 as it passes. Too large (413), a refused type (415) or a malformed form (400) leaves nothing stored.
   */
  private async receive(user: AuthUser, request: Request): Promise<NewVersion> {
    if (!multipartBoundary(String(request.headers['content-type'] ?? ''))) {
      throw badRequest('file', 'send the document as the multipart/form-data field "file"');
    }
    const file = multipartFile(request, { field: 'file', what: 'the document', maxBytes: this.config.maxUploadBytes });
    const storageKey = randomUUID();
    // The name is known once the file part begins, before its first byte reaches the inspector.
    const body = new InspectedUpload(() => file.fileName ?? '');
    // The first failure says what went wrong (too large, refused type, malformed form), whenever the store notices.
    let failure: Error | undefined;
    body.on('error', (error) => (failure ??= error));
    file.once('error', (error) => body.destroy(error));
    file.pipe(body);
    try {
      await this.store.write(storageKey, body);
      const type = body.type!;
      return {
        name: withExtension(safeFileName(file.fileName), type.extensions),
        mediaType: type.mediaType,
        sizeBytes: String(body.sizeBytes),
        sha256: body.sha256,
        storageKey,
        uploadedById: user.id,
      };
    } catch (error) {
      // Stops reading the file; the rest of the request is read and dropped, so the answer can be sent.
      if (!file.destroyed) file.destroy(error instanceof Error ? error : new Error(String(error)));
      throw uploadProblem(failure ?? error);
    }
  }
}

const TARGET_LABELS: Record<DocumentTarget, string> = {
  roundtable: 'Roundtable',
  agenda_item: 'Agenda item',
  decision: 'Decision',
  working_group: 'Working group',
  action_item: 'Action item',
  channel: 'Channel',
};
const targetLabel = (targetType: DocumentTarget) => TARGET_LABELS[targetType];

/** An upload's failure as the API answers it. */
function uploadProblem(error: unknown): unknown {
  if (error instanceof UploadTooLargeError)
    return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `file: ${error.message}`, [{ field: 'file', message: error.message }]);
  if (error instanceof UnacceptedTypeError)
    return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `file: ${error.message}`, [{ field: 'file', message: error.message }]);
  if (error instanceof UploadError) return badRequest('file', error.message);
  return error;
}
