import { Body, Get, Put, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser, PostAction } from '../common/decorators';
import {
  MachineDraftDto,
  MachineDraftView,
  SavedTranslation,
  SaveTranslationDto,
  TranslationCapabilities,
  TranslationQueue,
  TranslationQueueQuery,
} from './dto/translation.dto';
import { TranslationsService } from './translations.service';

@ApiController('translations', 'translations')
export class TranslationsController {
  constructor(private readonly translations: TranslationsService) {}

  /** Whether you may translate, and whether machine drafts are offered (TRANSLATE_URL is set). */
  @Get('capabilities')
  capabilities(@CurrentUser() user: AuthUser): Promise<TranslationCapabilities> {
    return this.translations.capabilities(user);
  }

  /** Texts you may read that lack a language: bilingual fields with one language empty, and free texts without a translation. */
  @Get('queue')
  @ApiErrors(403)
  queue(@CurrentUser() user: AuthUser, @Query() query: TranslationQueueQuery): Promise<TranslationQueue> {
    return this.translations.queue(user, query);
  }

  /**
   * Saves a translation: for a bilingual field, fills that language of the field; for a statement, a status reason or
   * a message, adds (or replaces) its translation record, served beside the original. Audit-logged and told live
   * (translation:updated).
   */
  @Put()
  @ApiErrors(403, 404)
  save(@CurrentUser() user: AuthUser, @Body() dto: SaveTranslationDto): Promise<SavedTranslation> {
    return this.translations.save(user, dto);
  }

  /** A machine draft from the configured translation server, always marked as such (503 when none is configured). */
  @PostAction('machine-draft')
  @ApiErrors(403, 502, 503)
  machineDraft(@CurrentUser() user: AuthUser, @Body() dto: MachineDraftDto): Promise<MachineDraftView> {
    return this.translations.machineDraft(user, dto);
  }
}
