import { Module } from '@nestjs/common';
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
import { SeriesRepository } from './series.repository';
import { SeriesService } from './series.service';

/**
 * The indicator catalogue, observations (report, verify, correct, import, export), series and commitment links.
 * Services hold the rules; the repositories are the module's only door to the database. Parks, people and
 * commitments are asked of their own modules' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Indicator, Observation, IndicatorLink]), ParksModule, RoadmapsModule],
  controllers: [IndicatorsController, ParkIndicatorsController, ObservationsController, IndicatorLinksController, IndicatorHealthController],
  providers: [
    IndicatorsService,
    ScopesService,
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
  ],
  exports: [IndicatorsService, SeriesService, IndicatorLinksService],
})
export class IndicatorsModule {}
