import { Module } from '@nestjs/common';
import { MachineTranslator } from './machine-translator';
import { TranslationsController } from './translations.controller';
import { TranslationsService } from './translations.service';

/** The translation queue, translations added later and machine drafts (the table itself: TranslationRecordsModule). */
@Module({
  controllers: [TranslationsController],
  providers: [TranslationsService, MachineTranslator],
})
export class TranslationsModule {}
