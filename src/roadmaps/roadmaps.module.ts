import { SearchRegistry } from '../search/search.registry';
import { Module, OnModuleInit } from '@nestjs/common';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { WatchRegistry } from '../realtime/watch.registry';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { WorkingGroupsModule } from '../working-groups/working-groups.module';
import { ActionItemsController } from './action-items.controller';
import { ActionItemsRepository } from './action-items.repository';
import { ActionItemsService } from './action-items.service';
import { CommitmentEvents } from './commitment-events';
import { ActionItem } from './entities/action-item.entity';
import { ConstituencyPosition } from './entities/constituency-position.entity';
import { Milestone } from './entities/milestone.entity';
import { Roadmap } from './entities/roadmap.entity';
import { PositionsRepository } from './positions.repository';
import { PositionsService } from './positions.service';
import { RoadmapsController } from './roadmaps.controller';
import { RoadmapsRepository } from './roadmaps.repository';
import { RoadmapsService } from './roadmaps.service';

@Module({
  imports: [TypeOrmModule.forFeature([Roadmap, ActionItem, Milestone, ConstituencyPosition]), OrganizationsModule, RoundtablesModule, WorkingGroupsModule],
  controllers: [RoadmapsController, ActionItemsController],
  providers: [RoadmapsService, ActionItemsService, PositionsService, CommitmentEvents, RoadmapsRepository, ActionItemsRepository, PositionsRepository],
  exports: [ActionItemsService, RoadmapsService],
})
export class RoadmapsModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly watches: WatchRegistry,
    private readonly actionItems: ActionItemsService,
    private readonly roadmaps: RoadmapsService,
    private readonly search: SearchRegistry,
  ) {}

  /**
   * A commitment's discussion: everyone signed in reads it; everyone but observers takes part. A roadmap, like its
   * commitments, is open to everyone signed in: anyone may follow its board live.
   */
  onModuleInit(): void {
    this.watches.register('roadmap', (_user, roadmapId) => this.roadmaps.exists(roadmapId));
    this.registry.register('action_item', async (user, refId) => {
      if (!(await this.actionItems.exists(refId))) return null;
      return { read: true, post: user.role !== 'observer' };
    });
    this.registry.registerScope('action_item', () => Promise.resolve({ all: true }));
    this.registry.registerMine('action_item', (user) => this.actionItems.ofOrganization(user));
    this.registry.registerTitle('action_item', (refId) => this.actionItems.titleOf(refId));
    this.search.register('commitment', (request) => this.actionItems.search(request));
  }
}
