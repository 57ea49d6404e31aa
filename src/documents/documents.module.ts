import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { MessageAttachments } from '../realtime/message-attachments';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { RecordDocuments } from '../reports/record-documents';
import { ReportsModule } from '../reports/reports.module';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { DocumentVersion } from './entities/document-version.entity';
import { Document } from './entities/document.entity';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';
import { FolderDocumentStore } from './storage/folder-store';

/**
 * The bucket when S3_ENDPOINT and S3_BUCKET are set; otherwise a folder under DATA_DIR. The S3 client (about 0.1 s to
 * load) is loaded only for a bucket.
 */
async function documentStore(config: ResolvedConfig): Promise<DocumentStore> {
  const store = config.s3 ? new (await import('./storage/s3-store')).S3DocumentStore(config.s3) : new FolderDocumentStore(config.dataDir);
  new Logger('DocumentsModule').log(`Documents are stored in the ${store.description}`);
  return store;
}

@Module({
  imports: [TypeOrmModule.forFeature([Document, DocumentVersion]), RoundtablesModule, ReportsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentsRepository, { provide: DOCUMENT_STORE, useFactory: documentStore, inject: [APP_CONFIG] }],
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(
    private readonly documents: DocumentsService,
    private readonly recordDocuments: RecordDocuments,
    private readonly messageAttachments: MessageAttachments,
  ) {}

  /** The roundtable's record lists what is attached to it, its agenda items and its decisions; messages carry files. */
  onModuleInit(): void {
    // Messages carry files uploaded to their channel.
    this.messageAttachments.provide({
      attach: (tx, target, ids) => this.documents.attachToMessage(tx, target, ids),
      of: (messageIds) => this.documents.filesOfMessages(messageIds),
    });
    this.recordDocuments.provide(async (_user, roundtableId) =>
      (await this.documents.listForRoundtableRecord(roundtableId)).map((d) => ({
        name: d.version > 1 ? `${d.name} (v${d.version})` : d.name,
        sizeBytes: d.sizeBytes,
        uploadedAt: d.uploadedAt.toISOString(),
      })),
    );
  }
}
