import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { IndicatorLink } from './entities/indicator-link.entity';
import { Indicator } from './entities/indicator.entity';
import { Observation } from './entities/observation.entity';
import { IndicatorHealthController, IndicatorLinksController } from './indicator-links.controller';
import { IndicatorLinksService } from './indicator-links.service';
import { IndicatorsController, ParkIndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { ObservationExportService } from './observations/observation-export.service';
import { ObservationImportService } from './observations/observation-import.service';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { ScopesService } from './scopes.service';
import { SeriesService } from './series.service';

/** The indicator catalogue, observations (report, verify, correct, import, export), series and commitment links. */
@Module({
  imports: [TypeOrmModule.forFeature([Indicator, Observation, IndicatorLink]), RoadmapsModule],
  controllers: [IndicatorsController, ParkIndicatorsController, ObservationsController, IndicatorLinksController, IndicatorHealthController],
  providers: [
    IndicatorsService,
    ScopesService,
    ObservationsService,
    ObservationImportService,
    ObservationExportService,
    SeriesService,
    IndicatorLinksService,
  ],
  exports: [IndicatorsService, SeriesService],
})
export class IndicatorsModule {}
