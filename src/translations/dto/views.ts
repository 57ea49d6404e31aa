import { ApiProperty } from '@nestjs/swagger';
import { TRANSLATION_LANGS, type TranslationLang } from '../../shared/enums';

/** The person who wrote a translation. */
export class TranslatorRef {
  id: string;
  displayName: string;
  /** The Chinese form of their name, if given. */
  nameZh: string | null;
}

/** A translation added later to a text written in one language, served beside the original (never instead of it). */
export class TranslationView {
  @ApiProperty({ enum: TRANSLATION_LANGS })
  lang: TranslationLang;

  text: string;
  /** Who wrote or last saved it (null once that account is gone). */
  translatedBy: TranslatorRef | null;
  /** A machine draft saved as it came: shown marked "machine translation". */
  machine: boolean;
  updatedAt: string;
}
