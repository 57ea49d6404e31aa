import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { AuthUser } from '../../auth/auth-user';
import { ApiErrors } from '../../common/api-errors';
import { ApiController, CurrentUser, PostAction, Roles } from '../../common/decorators';
import {
  Dhis2DataValueSet,
  Dhis2ExportQuery,
  Dhis2ImportQuery,
  Dhis2ImportSummary,
  SdmxAllExportQuery,
  SdmxExportQuery,
  SdmxImportQuery,
} from '../dto/exchange.dto';
import { IndicatorRefParam } from '../dto/indicator.dto';
import { ImportQuery, ImportReport } from '../dto/observation.dto';
import { ExchangeService } from './exchange.service';

const fileBody = (description: string) =>
  ApiBody({
    description,
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description } } },
  });

function send(response: FastifyReply, type: string, filename: string, stream: Readable): void {
  response.header('Content-Type', type);
  response.header('Content-Disposition', `attachment; filename="${filename}"`);
  void response.send(stream);
}

/** SDMX-CSV 2.0 and DHIS2 dataValueSets, out and in (see docs/indicators.md, "Exchange"). */
@ApiController('exchange', 'exchange')
export class ExchangeController {
  constructor(private readonly exchange: ExchangeService) {}

  @Get('sdmx.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The verified series of every indicator (or one), as SDMX-CSV 2.0.', schema: { type: 'string' } })
  async sdmx(@Query() query: SdmxAllExportQuery, @Res() response: FastifyReply): Promise<void> {
    const { filename, stream } = await this.exchange.sdmx(query);
    send(response, 'text/csv; charset=utf-8', filename, stream);
  }

  /** An SDMX-CSV file into observations: the same checks, rules and locks as the CSV import, and the same report. */
  @PostAction('sdmx')
  @Roles('admin', 'facilitator', 'member')
  @ApiConsumes('multipart/form-data', 'text/csv')
  @fileBody('The SDMX-CSV 2.0 file (a text/csv body is the file itself).')
  @ApiOkResponse({ type: ImportReport, description: 'The report (rows and fields named as in the file); with dryRun nothing was written.' })
  @ApiErrors(409)
  importSdmx(@CurrentUser() user: AuthUser, @Query() query: SdmxImportQuery, @Req() request: FastifyRequest): Promise<ImportReport> {
    return this.exchange.importSdmx(user, request.raw, query);
  }

  @Get('dhis2/dataValueSets')
  @ApiProduces('application/json')
  @ApiOkResponse({ type: Dhis2DataValueSet, description: 'The verified values as a DHIS2 dataValueSet.' })
  async dhis2(@Query() query: Dhis2ExportQuery, @Res() response: FastifyReply): Promise<void> {
    const { filename, stream } = await this.exchange.dhis2(query);
    send(response, 'application/json; charset=utf-8', filename, stream);
  }

  /** A DHIS2 dataValueSet into observations, answered with a DHIS2-style import summary. */
  @PostAction('dhis2/dataValueSets')
  @Roles('admin', 'facilitator', 'member')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: Dhis2DataValueSet, description: 'The dataValueSet (or, as multipart/form-data, the field file holding it).' })
  @ApiOkResponse({ type: Dhis2ImportSummary })
  @ApiErrors(409, 413)
  importDhis2(@CurrentUser() user: AuthUser, @Query() query: Dhis2ImportQuery, @Req() request: FastifyRequest): Promise<Dhis2ImportSummary> {
    return this.exchange.importDhis2(user, request.raw, request.body, query);
  }
}

/** One indicator's verified series as SDMX-CSV, beside the indicator's other routes. */
@ApiController('exchange', 'indicators')
export class IndicatorSdmxController {
  constructor(private readonly exchange: ExchangeService) {}

  @Get(':id/sdmx.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: "The indicator's verified series as SDMX-CSV 2.0.", schema: { type: 'string' } })
  @ApiErrors(404)
  async sdmx(@Param() { id }: IndicatorRefParam, @Query() query: SdmxExportQuery, @Res() response: FastifyReply): Promise<void> {
    const { filename, stream } = await this.exchange.sdmx(query, id);
    send(response, 'text/csv; charset=utf-8', filename, stream);
  }
}

/** A spreadsheet import beside the CSV import. */
@ApiController('observations', 'observations')
export class ObservationXlsxController {
  constructor(private readonly exchange: ExchangeService) {}

  /** The first sheet of an .xlsx workbook, with the CSV import's columns: the same checks, rules, locks and report. */
  @PostAction('import.xlsx')
  @Roles('admin', 'facilitator', 'member')
  @ApiConsumes('multipart/form-data', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @fileBody('The .xlsx workbook.')
  @ApiOkResponse({ type: ImportReport, description: 'The report, rows numbered as in the sheet; with dryRun nothing was written.' })
  @ApiErrors(409)
  importXlsx(@CurrentUser() user: AuthUser, @Query() query: ImportQuery, @Req() request: FastifyRequest): Promise<ImportReport> {
    return this.exchange.importXlsx(user, request.raw, query);
  }
}
