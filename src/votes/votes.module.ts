import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { VoteBallotRow } from './entities/vote-ballot.entity';
import { Vote } from './entities/vote.entity';
import { CommitmentVotesController, RoundtableVotesController, VotesController } from './votes.controller';
import { VoteTargets } from './vote-targets';
import { VotesGateway } from './votes.gateway';
import { VotesRepository } from './votes.repository';
import { VotesService } from './votes.service';

/** Votes on roundtable decisions and on commitments, counted by constituency. */
@Module({
  imports: [TypeOrmModule.forFeature([Vote, VoteBallotRow]), RoundtablesModule, RoadmapsModule],
  controllers: [RoundtableVotesController, CommitmentVotesController, VotesController],
  providers: [VotesRepository, VoteTargets, VotesService, VotesGateway],
  exports: [VotesService],
})
export class VotesModule {}
