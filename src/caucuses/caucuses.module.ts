import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { CaucusesController } from './caucuses.controller';
import { CaucusesRepository } from './caucuses.repository';
import { CaucusesService } from './caucuses.service';
import { Caucus } from './entities/caucus.entity';

/** The three groups' caucuses of roundtables. */
@Module({
  imports: [TypeOrmModule.forFeature([Caucus]), RoundtablesModule],
  controllers: [CaucusesController],
  providers: [CaucusesRepository, CaucusesService],
})
export class CaucusesModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly caucuses: CaucusesService,
  ) {}

  /** Who reads and posts in a caucus channel: only the group's own participants. */
  onModuleInit(): void {
    if (!this.registry.has('caucus')) this.registry.register('caucus', (user, refId) => this.caucuses.access(user, refId));
  }
}
