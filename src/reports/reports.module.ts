import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { RoundtablesModule } from '../roundtables/roundtables.module';
import { VotesModule } from '../votes/votes.module';
import { ConsultationsService } from './consultations.service';
import { RecordDocuments } from './record-documents';
import { ConsultationReportsController, RoadmapReportsController, RoundtableReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * The official record as documents: a roundtable's record and a roadmap's progress report, in PDF and Word; the
 * yearly consultation report (ILO C144) as JSON, CSV and PDF.
 */
@Module({
  imports: [RoundtablesModule, RoadmapsModule, IndicatorsModule, VotesModule],
  controllers: [RoundtableReportsController, RoadmapReportsController, ConsultationReportsController],
  providers: [ReportsService, ConsultationsService, RecordDocuments],
  exports: [RecordDocuments],
})
export class ReportsModule {}
