import { Module } from '@nestjs/common';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { RecordDocuments } from './record-documents';
import { RoundtableReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The official record as documents: a roundtable's record and a roadmap's progress report, in PDF and Word. */
@Module({
  imports: [RoundtablesModule, RoadmapsModule],
  controllers: [RoundtableReportsController],
  providers: [ReportsService, RecordDocuments],
  exports: [RecordDocuments],
})
export class ReportsModule {}
