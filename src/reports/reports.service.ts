import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { IndicatorLinksService } from '../indicators/indicator-links.service';
import { ActionItemsService } from '../roadmaps/action-items.service';
import { RoadmapsService } from '../roadmaps/roadmaps.service';
import { RoundtableRecordService } from '../roundtables/record.service';
import { roundtableBlocks } from './blocks';
import { RecordDocuments } from './record-documents';
import type { RoundtableRecord } from './record-model';
import { renderDocx, renderPdf } from './renderers';
import { type RoadmapReport, roadmapBlocks } from './roadmap-blocks';
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
    private readonly roadmaps: RoadmapsService,
    private readonly links: IndicatorLinksService,
  ) {}

  /** A roadmap's commitments with their indicators (404 when there is no such roadmap). */
  async roadmapReport(id: string): Promise<RoadmapReport> {
    const roadmap = await this.roadmaps.get(id);
    const { items } = await this.actionItems.list({ roadmapId: id, limit: 10_000 });
    const commitments = await Promise.all(
      items.map(async (item) => ({
        title: item.title,
        status: item.status,
        progress: item.progress,
        completionLevel: item.completionLevel,
        consensus: item.consensus,
        dueDate: item.dueDate,
        leadOrganization: item.leadOrganization.name,
        indicators: (await this.links.list(item.id)).items.map((link) => ({
          name: link.indicator.name,
          code: link.indicator.code,
          unit: link.unit,
          baseline: link.baseline,
          target: link.target,
          latest: link.latest ? { value: link.latest.value, period: link.latest.period } : null,
          trajectory: link.trajectory,
        })),
      })),
    );
    return {
      title: roadmap.title,
      description: roadmap.description,
      periodStart: roadmap.periodStart,
      periodEnd: roadmap.periodEnd,
      owner: roadmap.ownerOrganization.name,
      commitments,
    };
  }

  async roadmap(id: string, lang: ReportLanguages): Promise<RenderedReport> {
    const report = await this.roadmapReport(id);
    const body = await renderPdf(roadmapBlocks(report), lang, { title: textIn(report.title, lang === 'zh' ? 'zh' : 'en') });
    return { filename: `roadmap-${id}-${lang}.pdf`, body };
  }

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
