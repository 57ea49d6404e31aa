import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthUser } from '../../auth/auth-user';
import type { ExportQuery } from '../dto/observation.dto';
import { IndicatorsService } from '../indicators.service';
import { ScopesService } from '../scopes.service';
import { ObservationExportRepository } from './observation-export.repository';
import { visibleObservations } from './observation-filter';

/**
 * CSV export of current observations in the import format (csv-format.ts), streamed from the database so an export
 * of millions of rows never sits in memory. Demo values say so in is_demo.
 */
@Injectable()
export class ObservationExportService {
  constructor(
    private readonly repository: ObservationExportRepository,
    private readonly indicators: IndicatorsService,
    private readonly scopes: ScopesService,
  ) {}

  async open(user: AuthUser, query: ExportQuery): Promise<{ filename: string; stream: Readable }> {
    const filter = visibleObservations(user, query);
    let code = 'observations';
    if (query.indicatorId) {
      const indicator = await this.indicators.findForField(query.indicatorId, 'indicatorId');
      filter.indicatorId = indicator.id;
      code = indicator.code;
    }
    if (query.scope) filter.scope = await this.scopes.fromText(query.scopeType, query.scope);
    const stream = await this.repository.streamCsv(filter);
    const today = new Date().toISOString().slice(0, 10);
    return { filename: `${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${today}.csv`, stream };
  }
}
