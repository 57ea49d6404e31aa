import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { WorkingGroupMember } from './entities/working-group-member.entity';
import { WorkingGroup } from './entities/working-group.entity';
import { WorkingGroupsController } from './working-groups.controller';
import { WorkingGroupsRepository } from './working-groups.repository';
import { WorkingGroupsService } from './working-groups.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkingGroup, WorkingGroupMember]), RoundtablesModule],
  controllers: [WorkingGroupsController],
  providers: [WorkingGroupsService, WorkingGroupsRepository],
  exports: [WorkingGroupsService],
})
export class WorkingGroupsModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly groups: WorkingGroupsService,
  ) {}

  /** Who reads and posts in a group's discussion follows from the group. A stand-in registered earlier (by a test) is kept. */
  onModuleInit(): void {
    if (!this.registry.has('working_group')) this.registry.register('working_group', (user, refId) => this.groups.access(user, refId));
    // Every signed-in user reads every working group's discussion (access() answers read: true for any group).
    this.registry.registerScope('working_group', () => Promise.resolve({ all: true }));
    this.registry.registerMine('working_group', (user) => this.groups.ofPerson(user));
    this.registry.registerTitle('working_group', async (refId) => (await this.groups.namesOf([refId])).get(refId) ?? null);
  }
}
