import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelAccessRegistry } from '../realtime/channel-access.registry';
import { SearchRegistry } from '../search/search.registry';
import { AgendaController } from './agenda.controller';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { AgendaItem } from './entities/agenda-item.entity';
import { Decision } from './entities/decision.entity';
import { MinutesRevision } from './entities/minutes-revision.entity';
import { MinutesComment, MinutesCorrigendum, MinutesObjection, MinutesRecord } from './entities/minutes-record.entity';
import { MinutesController } from './minutes.controller';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';
import { RoundtableRecordService } from './record.service';
import { RoundtableParticipant } from './entities/roundtable-participant.entity';
import { Roundtable } from './entities/roundtable.entity';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ParticipantsController } from './participants.controller';
import { ParticipantsRepository } from './participants.repository';
import { ParticipantsService } from './participants.service';
import { RoundtablesController } from './roundtables.controller';
import { RoundtablesRepository } from './roundtables.repository';
import { RoundtablesService } from './roundtables.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Roundtable,
      RoundtableParticipant,
      AgendaItem,
      MinutesRevision,
      Decision,
      MinutesRecord,
      MinutesComment,
      MinutesObjection,
      MinutesCorrigendum,
    ]),
    OrganizationsModule,
  ],
  controllers: [RoundtablesController, ParticipantsController, AgendaController, DecisionsController, MinutesController],
  providers: [
    RoundtablesService,
    ParticipantsService,
    AgendaService,
    DecisionsService,
    RoundtablesRepository,
    ParticipantsRepository,
    AgendaRepository,
    DecisionsRepository,
    MinutesService,
    MinutesRepository,
    RoundtableRecordService,
  ],
  exports: [RoundtablesService, DecisionsService, RoundtableRecordService],
})
export class RoundtablesModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelAccessRegistry,
    private readonly roundtables: RoundtablesService,
    private readonly search: SearchRegistry,
  ) {}

  /** Who reads and posts in a roundtable's discussion follows from the roundtable. A stand-in registered earlier (by a test) is kept. */
  onModuleInit(): void {
    if (!this.registry.has('roundtable')) this.registry.register('roundtable', (user, refId) => this.roundtables.access(user, refId));
    this.registry.registerScope('roundtable', (user) => this.roundtables.readableScope(user));
    this.registry.registerMine('roundtable', (user) => this.roundtables.takingPart(user));
    this.registry.registerTitle('roundtable', (refId) => this.roundtables.titleOf(refId));
    this.search.register('roundtable', (request) => this.roundtables.search(request));
  }
}
