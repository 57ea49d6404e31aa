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

  /** Those of the ids that are documents attached to the target (a message's attachments). */
  async idsAttachedTo(targetType: DocumentTarget, targetId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.manager.find(Document, { select: { id: true }, where: { id: In(ids), targetType, targetId } });
    return rows.map((r) => r.id);
  }
}
