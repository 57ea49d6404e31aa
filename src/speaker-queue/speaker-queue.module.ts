import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { SpeakerQueueSetting } from './entities/speaker-queue-setting.entity';
import { SpeakerTurn } from './entities/speaker-turn.entity';
import { SpeakerQueueController } from './speaker-queue.controller';
import { SpeakerQueueGateway } from './speaker-queue.gateway';
import { SpeakerQueueRepository } from './speaker-queue.repository';
import { SpeakerQueueService } from './speaker-queue.service';

/** The speaker queue of roundtables. */
@Module({
  imports: [TypeOrmModule.forFeature([SpeakerTurn, SpeakerQueueSetting]), RoundtablesModule],
  controllers: [SpeakerQueueController],
  providers: [SpeakerQueueRepository, SpeakerQueueService, SpeakerQueueGateway],
})
export class SpeakerQueueModule {}
