import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import type { AuthUser } from '../../auth/auth-user';
import { ApiErrors } from '../../common/api-errors';
import { CurrentUser, Roles, ApiController, PostAction } from '../../common/decorators';
import { badRequest } from '../../common/errors';
import { IdParam } from '../../common/params';
import {
  CorrectObservationDto,
  ExportQuery,
  ImportQuery,
  ImportReport,
  ObservationList,
  ObservationPage,
  ObservationQuery,
  ObservationView,
  RejectObservationDto,
  ReportedObservationView,
  ReportObservationDto,
} from '../dto/observation.dto';
import { ObservationExportService } from './observation-export.service';
import { ObservationImportService } from './observation-import.service';
import { ObservationsService } from './observations.service';
import { uploadedCsv, UploadError } from './multipart';

@ApiController('observations', 'observations')
export class ObservationsController {
  constructor(
    private readonly observations: ObservationsService,
    private readonly importer: ObservationImportService,
    private readonly exporter: ObservationExportService,
  ) {}

  /** A CSV file (multipart field `file`, or a text/csv body), imported whole or not at all; answers a report. */
  @PostAction('import')
  @Roles('admin', 'facilitator', 'member')
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody({
    description: 'The CSV, columns as in GET /api/observations/export.csv (a text/csv body is the file itself).',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The CSV file.' } },
    },
  })
  @ApiOkResponse({ type: ImportReport, description: 'The report; with dryRun nothing was written.' })
  @ApiErrors(409, 413)
  async importCsv(@CurrentUser() user: AuthUser, @Query() query: ImportQuery, @Req() request: FastifyRequest): Promise<ImportReport> {
    await this.importer.assertMayImport(user);
    let csv;
    try {
      csv = uploadedCsv(request.raw);
    } catch (error) {
      if (error instanceof UploadError) throw badRequest('file', error.message);
      throw error;
    }
    return this.importer.importCsv(user, csv, query);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The current values that match, as CSV (UTF-8).', schema: { type: 'string' } })
  @ApiErrors(403)
  async exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportQuery, @Res() response: FastifyReply): Promise<void> {
    const { filename, stream } = await this.exporter.open(user, query);
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="${filename}"`);
    void response.send(stream);
  }

  @Get()
  @ApiErrors(403)
  list(@CurrentUser() user: AuthUser, @Query() query: ObservationQuery): Promise<ObservationPage> {
    return this.observations.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator', 'member')
  @ApiErrors(404, 409)
  report(@CurrentUser() user: AuthUser, @Body() dto: ReportObservationDto): Promise<ReportedObservationView> {
    return this.observations.report(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ObservationView> {
    return this.observations.get(user, id);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ObservationList> {
    return this.observations.history(user, id);
  }

  @Post(':id/correct')
  @Roles('admin', 'facilitator', 'member')
  @ApiErrors(409)
  correct(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CorrectObservationDto): Promise<ReportedObservationView> {
    return this.observations.correct(user, id, dto);
  }

  @PostAction(':id/verify')
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  verify(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<ObservationView> {
    return this.observations.verify(user, id);
  }

  @PostAction(':id/reject')
  @Roles('admin', 'facilitator')
  @ApiErrors(409)
  reject(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: RejectObservationDto): Promise<ObservationView> {
    return this.observations.reject(user, id, dto);
  }
}
