import { SearchRegistry } from '../search/search.registry';
import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ParksModule } from '../parks/parks.module';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { IndicatorLink } from './entities/indicator-link.entity';
import { Indicator } from './entities/indicator.entity';
import { Observation } from './entities/observation.entity';
import { IndicatorHealthController, IndicatorLinksController } from './indicator-links.controller';
import { IndicatorLinksRepository } from './indicator-links.repository';
import { IndicatorLinksService } from './indicator-links.service';
import { IndicatorsController, ParkIndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';
import { ObservationExportRepository } from './observations/observation-export.repository';
import { ObservationExportService } from './observations/observation-export.service';
import { ObservationImportRepository } from './observations/observation-import.repository';
import { ObservationImportService } from './observations/observation-import.service';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsRepository } from './observations/observations.repository';
import { ObservationsService } from './observations/observations.service';
import { ScopesService } from './scopes.service';
import { ExchangeController, IndicatorSdmxController, ObservationXlsxController } from './exchange/exchange.controller';
import { ExchangeRepository } from './exchange/exchange.repository';
import { ExchangeService } from './exchange/exchange.service';
import { PeriodLocksRepository } from './approvals/period-locks.repository';
import { ApprovalsController } from './approvals/approvals.controller';
import { CompletenessController } from './completeness/completeness.controller';
import { CompletenessRepository } from './completeness/completeness.repository';
import { CompletenessService } from './completeness/completeness.service';
import { ApprovalsRepository } from './approvals/approvals.repository';
import { ApprovalsService } from './approvals/approvals.service';
import { ImportQualityRepository } from './observations/import-quality.repository';
import { QualityRepository } from './quality/quality.repository';
import { QualityService } from './quality/quality.service';
import { FollowUpService } from './quality/follow-up.service';
import { ObservationFollowUpController } from './quality/quality.controller';
import { SeriesRepository } from './series.repository';
import { SeriesService } from './series.service';

/**
 * The indicator catalogue, observations (report, verify, correct, import, export), series and commitment links.
 * Services hold the rules; the repositories are the module's only door to the database. Parks, people and
 * commitments are asked of their own modules' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Indicator, Observation, IndicatorLink]), ParksModule, RoadmapsModule],
  controllers: [
    CompletenessController,
    ExchangeController,
    IndicatorSdmxController,
    ObservationXlsxController,
    IndicatorsController,
    ParkIndicatorsController,
    ObservationFollowUpController,
    ObservationsController,
    IndicatorLinksController,
    IndicatorHealthController,
    ApprovalsController,
  ],
  providers: [
    IndicatorsService,
    ScopesService,
    ExchangeService,
    ExchangeRepository,
    ObservationsService,
    ObservationImportService,
    ObservationExportService,
    SeriesService,
    IndicatorLinksService,
    IndicatorsRepository,
    ObservationsRepository,
    ObservationImportRepository,
    ObservationExportRepository,
    SeriesRepository,
    IndicatorLinksRepository,
    QualityService,
    FollowUpService,
    QualityRepository,
    ImportQualityRepository,
    PeriodLocksRepository,
    ApprovalsService,
    CompletenessService,
    CompletenessRepository,
    ApprovalsRepository,
  ],
  exports: [IndicatorsService, SeriesService, IndicatorLinksService],
})
export class IndicatorsModule implements OnModuleInit {
  constructor(
    private readonly search: SearchRegistry,
    private readonly indicators: IndicatorsService,
  ) {}

  onModuleInit(): void {
    this.search.register('indicator', (request) => this.indicators.search(request));
  }
}
