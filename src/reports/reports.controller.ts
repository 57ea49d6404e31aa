import { Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiController, CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import { ConsultationsService } from './consultations.service';
import { ConsultationFileQuery, ConsultationQuery, ConsultationReportView } from './dto/consultation.dto';
import { ReportQuery } from './dto/report.dto';
import { type RenderedReport, ReportsService } from './reports.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sets the headers only on success, so that errors keep their JSON content type. */
function send(res: FastifyReply, type: string, report: RenderedReport): StreamableFile {
  res.header('Content-Type', type);
  res.header('Content-Disposition', `attachment; filename="${report.filename}"`);
  res.header('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(report.body);
}

@ApiController('roundtables', 'roundtables')
export class RoundtableReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The official record: cover, agenda, attendance, minutes with their adoption, decisions, commitments, documents. */
  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF file.', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: FastifyReply) {
    return send(res, 'application/pdf', await this.reports.roundtable(user, id, 'pdf', lang ?? 'both'));
  }

  /** The same record as a Word document. */
  @Get(':id/report.docx')
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'A Word (.docx) file.', schema: { type: 'string', format: 'binary' } })
  async docx(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: FastifyReply) {
    return send(res, DOCX, await this.reports.roundtable(user, id, 'docx', lang ?? 'both'));
  }
}

@ApiController('roadmaps', 'roadmaps')
export class RoadmapReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The progress report: a summary page, then per commitment its status, completion, consensus and indicator charts. */
  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF file.', schema: { type: 'string', format: 'binary' } })
  async pdf(@Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: FastifyReply) {
    return send(res, 'application/pdf', await this.reports.roadmap(id, lang ?? 'both'));
  }
}

const CSV = 'text/csv; charset=utf-8';

@ApiController('reports', 'reports')
@ApiExtraModels(ConsultationReportView)
export class ConsultationReportsController {
  constructor(private readonly consultations: ConsultationsService) {}

  /**
   * The tripartite consultations held in a year (ILO Convention No. 144), for admins and facilitators: the meetings
   * (by their start in the venue's time zone), their topics, the constituencies and organizations represented, the
   * balance and women's share, the votes and their outcomes, the commitments that came out of them. JSON unless
   * format is csv or pdf.
   */
  @Get('consultations')
  @Roles('admin', 'facilitator')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    description: 'The report as JSON, or as a CSV (one row per meeting) or PDF file when format asks for one.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ConsultationReportView) } },
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(
    @CurrentUser() user: AuthUser,
    @Query() { year, format, lang }: ConsultationQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ConsultationReportView | StreamableFile> {
    if (format === 'csv') return send(res, CSV, await this.consultations.csv(user, year));
    if (format === 'pdf') return send(res, 'application/pdf', await this.consultations.pdf(user, year, lang ?? 'both'));
    return this.consultations.report(user, year);
  }

  /** The report as CSV: one row per meeting, UTF-8 with a byte-order mark. */
  @Get('consultations.csv')
  @Roles('admin', 'facilitator')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per meeting, UTF-8 with a byte-order mark.', schema: { type: 'string' } })
  async csv(@CurrentUser() user: AuthUser, @Query() { year }: ConsultationFileQuery, @Res({ passthrough: true }) res: FastifyReply) {
    return send(res, CSV, await this.consultations.csv(user, year));
  }

  /** The report as PDF, in English, Chinese or both side by side. */
  @Get('consultations.pdf')
  @Roles('admin', 'facilitator')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF file.', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthUser, @Query() { year, lang }: ConsultationFileQuery, @Res({ passthrough: true }) res: FastifyReply) {
    return send(res, 'application/pdf', await this.consultations.pdf(user, year, lang ?? 'both'));
  }
}
