import { Global, Injectable, Module } from '@nestjs/common';
import type { FreeTextKind } from '../shared/enums';
import type { TranslationView } from './dto/views';
import { type TranslationRow, TranslationsRepository } from './translations.repository';

export const toTranslationView = (r: TranslationRow): TranslationView => ({
  lang: r.lang,
  text: r.text,
  translatedBy: r.translated_by_id ? { id: r.translated_by_id, displayName: r.translator_name ?? '', nameZh: r.translator_name_zh ?? null } : null,
  machine: r.machine,
  updatedAt: r.updated_at.toISOString(),
});

/** Reads the translations added to texts, for the modules that serve those texts (positions, messages). */
@Injectable()
export class TranslationRecords {
  constructor(private readonly translations: TranslationsRepository) {}

  /** The translations of each of the given texts (an empty list for a text without any). */
  async of(kind: FreeTextKind, ids: string[]): Promise<Map<string, TranslationView[]>> {
    const out = new Map<string, TranslationView[]>(ids.map((id) => [id, []]));
    for (const row of await this.translations.forTargets(kind, [...new Set(ids)])) out.get(row.target_id)?.push(toTranslationView(row));
    return out;
  }
}

/**
 * The translations table and its reader, global so that the modules whose texts carry translations can read them
 * without depending on the translation queue (which depends on them).
 */
@Global()
@Module({
  providers: [TranslationsRepository, TranslationRecords],
  exports: [TranslationsRepository, TranslationRecords],
})
export class TranslationRecordsModule {}
