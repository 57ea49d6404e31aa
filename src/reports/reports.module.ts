import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { RecordDocuments } from './record-documents';
import { RoadmapReportsController, RoundtableReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The official record as documents: a roundtable's record and a roadmap's progress report, in PDF and Word. */
@Module({
  imports: [RoundtablesModule, RoadmapsModule, IndicatorsModule],
  controllers: [RoundtableReportsController, RoadmapReportsController],
  providers: [ReportsService, RecordDocuments],
  exports: [RecordDocuments],
})
export class ReportsModule {}
