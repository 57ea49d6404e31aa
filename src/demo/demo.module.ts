import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ParksModule } from '../parks/parks.module';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { VotesModule } from '../votes/votes.module';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { DemoService } from './demo.service';

/** The demo world, written through the services of the modules that own each part of it. */
@Module({
  imports: [OrganizationsModule, ParksModule, RoundtablesModule, WorkingGroupsModule, RoadmapsModule, IndicatorsModule, VotesModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
