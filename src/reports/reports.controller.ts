import { Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { ApiController, CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { ReportQuery } from './dto/report.dto';
import { type RenderedReport, ReportsService } from './reports.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sets the headers only on success, so that errors keep their JSON content type. */
function send(res: Response, type: string, report: RenderedReport): StreamableFile {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${report.filename}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(report.body);
}

@ApiController('roundtables', 'roundtables')
export class RoundtableReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The official record: cover, agenda, attendance, minutes with their adoption, decisions, commitments, documents. */
  @Get(':id/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A PDF file.', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: Response) {
    return send(res, 'application/pdf', await this.reports.roundtable(user, id, 'pdf', lang ?? 'both'));
  }

  /** The same record as a Word document. */
  @Get(':id/report.docx')
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'A Word (.docx) file.', schema: { type: 'string', format: 'binary' } })
  async docx(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: Response) {
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
  async pdf(@Param() { id }: IdParam, @Query() { lang }: ReportQuery, @Res({ passthrough: true }) res: Response) {
    return send(res, 'application/pdf', await this.reports.roadmap(id, lang ?? 'both'));
  }
}
