import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import type { LocalizedText } from '../../common/localized-text';
import { HasVisibleText } from '../../common/text-safety';
import { Omittable } from '../../common/validation';
import { CHANNEL_KINDS, type ChannelKind, TRANSLATION_KINDS, TRANSLATION_LANGS, type TranslationKind, type TranslationLang } from '../../shared/enums';
import { ListOf } from '../../common/page-of';
import { TranslationView } from './views';

export { TranslationView };

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TranslationQueueQuery {
  /** Only this kind of text. */
  @Omittable()
  @IsIn(TRANSLATION_KINDS, { message: `kind must be one of ${TRANSLATION_KINDS.join(', ')}` })
  kind?: TranslationKind;

  /** The language the texts lack (en or zh); both when left out. */
  @Omittable()
  @IsIn(TRANSLATION_LANGS, { message: 'lang must be en or zh' })
  lang?: TranslationLang;
}

export class SaveTranslationDto {
  @IsIn(TRANSLATION_KINDS, { message: `kind must be one of ${TRANSLATION_KINDS.join(', ')}` })
  kind: TranslationKind;

  /** The position, commitment (status reason), message, roundtable, agenda item, decision or indicator. */
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId: string;

  /** The language of the translation. */
  @IsIn(TRANSLATION_LANGS, { message: 'lang must be en or zh' })
  lang: TranslationLang;

  @Transform(trimmed)
  @IsString({ message: 'text must be a string' })
  @HasVisibleText({ message: 'text is required' })
  @MaxLength(8000, { message: 'text must be at most 8000 characters' })
  text: string;

  /** True when the text is a machine draft saved as it came (it is shown marked "machine translation"). */
  @Omittable()
  @IsBoolean({ message: 'machine must be true or false' })
  machine?: boolean;
}

export class MachineDraftDto {
  @IsString({ message: 'text must be a string' })
  @HasVisibleText({ message: 'text is required' })
  @MaxLength(8000, { message: 'text must be at most 8000 characters' })
  text: string;

  @IsIn(TRANSLATION_LANGS, { message: 'source must be en or zh' })
  source: TranslationLang;

  @IsIn(TRANSLATION_LANGS, { message: 'target must be en or zh' })
  target: TranslationLang;
}

export class MachineDraftView {
  text: string;
  /** Always true: a machine draft is marked as such until a person edits and saves it. */
  machine: boolean;
}

export class TranslationCapabilities {
  /** Whether the reader may translate (facilitators, admins and people granted the translator right). */
  translate: boolean;
  /** Whether machine drafts are offered (a translation server is configured). */
  machineDrafts: boolean;
}

/** Where the text is read in the app. */
export class QueueItemContext {
  /** The roundtable, commitment, indicator or channel the text belongs to. */
  id: string | null;
  /** Its title, for bilingual context. */
  title: LocalizedText | null;
  /** For messages: the kind of channel. */
  @ApiProperty({ enum: CHANNEL_KINDS, nullable: true })
  channelKind: ChannelKind | null;
  /** The client page to open it at. */
  link: string;
}

/** One text waiting for a language. */
export class TranslationQueueItem {
  @ApiProperty({ enum: TRANSLATION_KINDS })
  kind: TranslationKind;

  targetId: string;
  /** The language missing. */
  @ApiProperty({ enum: TRANSLATION_LANGS })
  lang: TranslationLang;

  /** The language of the original. */
  @ApiProperty({ enum: TRANSLATION_LANGS })
  sourceLang: TranslationLang;

  /** The original text. */
  original: string;
  context: QueueItemContext;
  at: string;
}

export class TranslationQueue extends ListOf(TranslationQueueItem) {}

/** What saving a translation did: the text now carries it. */
export class SavedTranslation {
  @ApiProperty({ enum: TRANSLATION_KINDS })
  kind: TranslationKind;

  targetId: string;

  @ApiProperty({ enum: TRANSLATION_LANGS })
  lang: TranslationLang;

  text: string;
  /** For free texts: the translation record as readers get it; null when a bilingual field was filled in. */
  translation: TranslationView | null;
}
