import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { VoteBallotRow } from './entities/vote-ballot.entity';
import { Vote } from './entities/vote.entity';
import { RoundtableVotesController, VotesController } from './votes.controller';
import { VotesGateway } from './votes.gateway';
import { VotesRepository } from './votes.repository';
import { VotesService } from './votes.service';

/** Votes on roundtable decisions, counted by constituency. */
@Module({
  imports: [TypeOrmModule.forFeature([Vote, VoteBallotRow]), RoundtablesModule],
  controllers: [RoundtableVotesController, VotesController],
  providers: [VotesRepository, VotesService, VotesGateway],
  exports: [VotesService],
})
export class VotesModule {}
