import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser, Roles } from '../../common/decorators';
import { badRequest } from '../../common/errors';
import { IdParam } from '../../common/params';
import {
  CorrectObservationDto,
  ExportQuery,
  ImportQuery,
  ObservationQuery,
  RejectObservationDto,
  ReportObservationDto,
} from '../dto/observation.dto';
import { ObservationExportService } from './observation-export.service';
import { ObservationImportService } from './observation-import.service';
import { ObservationsService } from './observations.service';
import { uploadedCsv, UploadError } from './multipart';

@ApiTags('observations')
@ApiBearerAuth()
@Controller('observations')
export class ObservationsController {
  constructor(
    private readonly observations: ObservationsService,
    private readonly importer: ObservationImportService,
    private readonly exporter: ObservationExportService,
  ) {}

  /** A CSV file (multipart field `file`, or a text/csv body), imported whole or not at all; answers a report. */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'facilitator', 'member')
  @ApiConsumes('multipart/form-data', 'text/csv')
  async importCsv(@CurrentUser() user: AuthUser, @Query() query: ImportQuery, @Req() request: Request) {
    await this.importer.assertMayImport(user);
    let csv;
    try {
      csv = uploadedCsv(request);
    } catch (error) {
      if (error instanceof UploadError) throw badRequest('file', error.message);
      throw error;
    }
    return this.importer.importCsv(user, csv, query);
  }

  @Get('export.csv')
  async exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportQuery, @Res() response: Response) {
    const { filename, stream } = await this.exporter.open(user, query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    stream.pipe(response);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ObservationQuery) {
    return this.observations.list(user, query);
  }

  @Post()
  @Roles('admin', 'facilitator', 'member')
  report(@CurrentUser() user: AuthUser, @Body() dto: ReportObservationDto) {
    return this.observations.report(user, dto);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.observations.get(user, id);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.observations.history(user, id);
  }

  @Post(':id/correct')
  @Roles('admin', 'facilitator', 'member')
  correct(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: CorrectObservationDto) {
    return this.observations.correct(user, id, dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('admin', 'facilitator')
  verify(@CurrentUser() user: AuthUser, @Param() { id }: IdParam) {
    return this.observations.verify(user, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'facilitator')
  reject(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: RejectObservationDto) {
    return this.observations.reject(user, id, dto);
  }
}
