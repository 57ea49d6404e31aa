import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toInt } from '../../common/pagination';
import { Omittable } from '../../common/validation';
import type { LocalizedText } from '../../common/localized-text';
import { ApiInteger } from '../../common/decorators';
import { CHANNEL_KINDS, type ChannelKind, SEARCH_KINDS, type SearchKind } from '../../shared/enums';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SearchQuery {
  /** Words to find: English words match any form ("train" finds "training"), "quoted words" a phrase; any run of Chinese characters matches. */
  @Transform(trimmed)
  @IsString({ message: 'q must be a string' })
  @MinLength(1, { message: 'q is required' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q: string;

  @Omittable()
  @IsIn(SEARCH_KINDS, { message: `kind must be one of ${SEARCH_KINDS.join(', ')}` })
  kind?: SearchKind;

  /** Only messages of this channel. */
  @Omittable()
  @IsUUID('all', { message: 'channelId must be a UUID' })
  channelId?: string;

  /** Only messages by this person. */
  @Omittable()
  @IsUUID('all', { message: 'authorId must be a UUID' })
  authorId?: string;

  /** From this day (YYYY-MM-DD, UTC), inclusive. */
  @Omittable()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  /** Up to this day (YYYY-MM-DD, UTC), inclusive. */
  @Omittable()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(50, { message: 'limit must be at most 50' })
  limit?: number;

  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class SnippetPartView {
  text: string;
  /** True for the words that matched the query. */
  hit: boolean;
}

export class SearchAuthorView {
  id: string;
  displayName: string;
}

/** Where a message hit was said: its channel and the thing the channel belongs to. */
export class SearchChannelView {
  id: string;
  @ApiProperty({ enum: CHANNEL_KINDS })
  kind: ChannelKind;
  refId: string | null;
}

export class SearchHitView {
  @ApiProperty({ enum: SEARCH_KINDS })
  kind: SearchKind;
  /** The message, roundtable, commitment or indicator. */
  id: string;
  /** The roundtable, commitment or indicator's name; null for a message. */
  title: LocalizedText | null;
  /** Where in a roundtable the words were found: title, description, agenda, minutes or decision. */
  field: string | null;
  /** The matching stretch of text, the matched words marked. */
  snippet: SnippetPartView[];
  /** When it was written (a message) or created. */
  createdAt: string;
  /** Messages: where it was said, its position there, and who said it. */
  channel?: SearchChannelView;
  @ApiPropertyOptional({ type: 'integer' })
  seq?: number;
  author?: SearchAuthorView;
  /** Commitments: their roadmap. */
  roadmapId?: string;
}

export class SearchPage {
  items: SearchHitView[];
  /** Every hit the searcher may see, over all pages. */
  @ApiInteger()
  total: number;
  /**
   * True when a word stands in more messages than are counted (over 200): total is then a lower bound ("200+"),
   * and those messages come newest first rather than by relevance.
   */
  totalAtLeast: boolean;
  nextCursor: string | null;
}
