import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Park } from './entities/park.entity';
import { ParksController } from './parks.controller';
import { ParksService } from './parks.service';
import { ParkDirectoryRepository } from './park-directory.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Park])],
  controllers: [ParksController],
  providers: [ParksService, ParkDirectoryRepository],
  exports: [ParksService],
})
export class ParksModule {}
