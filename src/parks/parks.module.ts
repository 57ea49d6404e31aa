import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Park } from './entities/park.entity';
import { ParksController } from './parks.controller';
import { ParksRepository } from './parks.repository';
import { ParksService } from './parks.service';
import { ParkDirectoryRepository } from './park-directory.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Park]), OrganizationsModule],
  controllers: [ParksController],
  providers: [ParksService, ParksRepository, ParkDirectoryRepository],
  exports: [ParksService],
})
export class ParksModule {}
