import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { RoundtableRecordService } from '../roundtables/record.service';
import { roundtableBlocks } from './blocks';
import { RecordDocuments } from './record-documents';
import type { RoundtableRecord } from './record-model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { type ReportLanguages, textIn } from './report-text';

export interface RenderedReport {
  filename: string;
  body: Buffer;
}

/** The official record of a roundtable as PDF or Word, in English, Chinese or both side by side. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly records: RoundtableRecordService,
    private readonly actionItems: ActionItemsService,
    private readonly documents: RecordDocuments,
  ) {}

  /** The whole record, for a reader who may see the roundtable (404 otherwise). */
  async roundtableRecord(user: AuthUser, id: string): Promise<RoundtableRecord> {
    const record = await this.records.collect(user, id);
    const [commitments, documents] = await Promise.all([this.actionItems.promotedFrom(id), this.documents.list(user, id)]);
    record.commitments = commitments.map((c) => ({ title: c.title, status: c.status, dueDate: c.dueDate, leadOrganization: c.leadOrganization.name }));
    record.documents = documents;
    return record;
  }

  async roundtable(user: AuthUser, id: string, format: 'pdf' | 'docx', lang: ReportLanguages): Promise<RenderedReport> {
    const record = await this.roundtableRecord(user, id);
    const blocks = roundtableBlocks(record);
    const title = lang === 'zh' ? textIn(record.title, 'zh') : textIn(record.title, 'en');
    const body = format === 'pdf' ? await renderPdf(blocks, lang, { title }) : await renderDocx(blocks, lang, { title });
    return { filename: `roundtable-${id}-${lang}.${format}`, body };
  }
}
