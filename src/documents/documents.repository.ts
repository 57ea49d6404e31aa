import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Document, type DocumentTarget } from './entities/document.entity';
import { DocumentVersion } from './entities/document-version.entity';

export type NewVersion = Pick<DocumentVersion, 'name' | 'mediaType' | 'sizeBytes' | 'sha256' | 'storageKey' | 'uploadedById'>;

/** Documents and their versions. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: Pick<Document, 'targetType' | 'targetId' | 'roundtableId' | 'name' | 'createdById'>, version: NewVersion): Promise<string> {
    const document = await tx.save(tx.create(Document, { ...row, currentVersion: 1 }));
    await tx.save(tx.create(DocumentVersion, { ...version, documentId: document.id, version: 1 }));
    return document.id;
  }

  /** The next version, numbered after the current one (the document row is locked, so numbers never collide). */
  async addVersion(tx: Tx, documentId: string, version: NewVersion): Promise<number> {
    const document = await tx.findOne(Document, { where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
    if (!document) throw new Error(`document ${documentId} is gone`);
    const number = document.currentVersion + 1;
    await tx.save(tx.create(DocumentVersion, { ...version, documentId, version: number }));
    await tx.update(Document, { id: documentId }, { currentVersion: number, name: version.name, updatedAt: new Date() });
    return number;
  }

  async findById(id: string): Promise<Document | null> {
    return this.dataSource.manager.findOne(Document, { where: { id }, relations: { createdBy: true } });
  }

  /** Oldest first. */
  async findAttachedTo(targetType: DocumentTarget, targetId: string): Promise<Document[]> {
    return this.dataSource.manager.find(Document, {
      where: { targetType, targetId },
      relations: { createdBy: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Attached to the roundtable itself, or to its agenda items and decisions; oldest first. */
  async findUnderRoundtable(roundtableId: string): Promise<Document[]> {
    return this.dataSource.manager.find(Document, { where: { roundtableId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Every version of the documents, newest first, with their uploaders. */
  async versionsOf(documentIds: string[]): Promise<DocumentVersion[]> {
    if (!documentIds.length) return [];
    return this.dataSource.manager.find(DocumentVersion, {
      where: { documentId: In(documentIds) },
      relations: { uploadedBy: true },
      order: { version: 'DESC' },
    });
  }

  async findVersion(documentId: string, version: number): Promise<DocumentVersion | null> {
    return this.dataSource.manager.findOneBy(DocumentVersion, { documentId, version });
  }

  /**
   * In the message's transaction: gives the message those of the documents that its author uploaded to its channel
   * and that no message carries yet (the row locks make two sends never take the same file); returns them with their
   * current version.
   */
  async attachToMessage(tx: Tx, target: { messageId: string; channelId: string; authorId: string }, ids: string[]): Promise<MessageFileRow[]> {
    return tx.query<MessageFileRow[]>(
      // As a SELECT over the UPDATE, so the driver hands back the rows (not the affected count).
      `WITH attached AS (
         UPDATE documents d SET message_id = $1
           FROM document_versions v
          WHERE d.id = ANY($2::uuid[]) AND d.target_type = 'channel' AND d.target_id = $3 AND d.created_by_id = $4
            AND d.message_id IS NULL AND v.document_id = d.id AND v.version = d.current_version
         RETURNING d.message_id, d.id, d.name, v.media_type, v.size_bytes, v.sha256
       )
       SELECT * FROM attached`,
      [target.messageId, ids, target.channelId, target.authorId],
    );
  }

  /** The files the messages carry, oldest first, with their current version. */
  async filesOfMessages(messageIds: string[]): Promise<MessageFileRow[]> {
    return this.dataSource.query(
      `SELECT d.message_id, d.id, d.name, v.media_type, v.size_bytes, v.sha256
         FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version
        WHERE d.message_id = ANY($1::uuid[])
        ORDER BY d.created_at, d.id`,
      [messageIds],
    );
  }
}

/** A file a message carries, as the queries above return it. */
export interface MessageFileRow {
  message_id: string;
  id: string;
  name: string;
  media_type: string;
  size_bytes: string;
  sha256: string;
}
