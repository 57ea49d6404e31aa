import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { AgendaItem } from './entities/agenda-item.entity';
import { Decision } from './entities/decision.entity';
import { MinutesRevision } from './entities/minutes-revision.entity';
import { RoundtableParticipant } from './entities/roundtable-participant.entity';
import { Roundtable } from './entities/roundtable.entity';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { RoundtablesController } from './roundtables.controller';
import { RoundtablesService } from './roundtables.service';

@Module({
  imports: [TypeOrmModule.forFeature([Roundtable, RoundtableParticipant, AgendaItem, MinutesRevision, Decision])],
  controllers: [RoundtablesController, ParticipantsController, AgendaController, DecisionsController],
  providers: [RoundtablesService, ParticipantsService, AgendaService, DecisionsService],
  exports: [RoundtablesService],
})
export class RoundtablesModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly roundtables: RoundtablesService,
  ) {}

  /** Who reads and posts in a roundtable's discussion follows from the roundtable. A stand-in registered earlier (by a test) is kept. */
  onModuleInit(): void {
    if (!this.registry.has('roundtable')) this.registry.register('roundtable', (user, refId) => this.roundtables.access(user, refId));
  }
}
