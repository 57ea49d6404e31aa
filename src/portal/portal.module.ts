import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

/** The public portal: published roadmaps for readers who are not signed in. It asks the other modules' services. */
@Module({
  imports: [RoadmapsModule, IndicatorsModule],
  controllers: [PortalController],
  providers: [PortalService],
})
export class PortalModule {}
