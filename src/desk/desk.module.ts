import { Module } from '@nestjs/common';
import { DeskController } from './desk.controller';
import { DeskRepository } from './desk.repository';
import { DeskService } from './desk.service';

/** GET /api/desk: the home page of each person. */
@Module({
  controllers: [DeskController],
  providers: [DeskRepository, DeskService],
})
export class DeskModule {}
