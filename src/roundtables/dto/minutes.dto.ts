import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { InYearRange } from '../../common/date-range';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ApiInteger } from '../../common/decorators';
import { Omittable } from '../../common/validation';
import { MINUTES_STATUSES, type MinutesStatus } from '../entities/minutes-record.entity';
import type { PersonRef } from './roundtable.dto';
import { IsDateTime } from './validators';

const STATUS_MESSAGE = `status must be one of ${MINUTES_STATUSES.join(', ')}`;

/** An attendee who objects to the minutes being adopted, and what they said. */
export class ObjectionDto {
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;

  @IsString({ message: 'statement must be text' })
  @MinLength(1, { message: 'statement must not be empty' })
  @MaxLength(5000)
  statement: string;
}

/**
 * Moves the minutes: to `circulated` with a commentDeadline (in the future); to `adopted` with the objections
 * recorded (may be empty); to `draft` (withdrawn from circulation) or `locked` with nothing else.
 */
export class MinutesStatusDto {
  @IsIn(MINUTES_STATUSES, { message: STATUS_MESSAGE })
  status: MinutesStatus;

  @ValidateIf((o: MinutesStatusDto) => o.commentDeadline !== undefined || o.status === 'circulated')
  @IsDateTime()
  @InYearRange()
  commentDeadline?: string;

  @Omittable()
  @IsArray({ message: 'objections must be a list' })
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ObjectionDto)
  objections?: ObjectionDto[];
}

export class MinutesCommentDto {
  @IsString({ message: 'text must be text' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(10_000)
  text: string;
}

export class CorrigendumDto {
  /** The agenda item whose minutes it corrects; left out for the minutes as a whole. */
  @Omittable()
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string;

  @IsLocalizedText({ maxLength: 20_000 })
  text: LocalizedText;
}

export class MinutesCommentView {
  id: string;
  agendaItemId: string;
  author: PersonRef | null;
  text: string;
  createdAt: string;
}

export class MinutesObjectionView {
  person: PersonRef | null;
  statement: string;
}

export class CorrigendumView {
  id: string;

  @ApiInteger()
  number: number;

  agendaItemId: string | null;
  text: LocalizedText;
  author: PersonRef | null;
  createdAt: string;
}

/** Where the minutes of a roundtable stand, with the comments, objections and corrigenda of their adoption. */
export class MinutesRecordView {
  roundtableId: string;
  status: MinutesStatus;
  /** The moves open from here (for a facilitator). */
  allowed: MinutesStatus[];
  commentDeadline: string | null;
  circulatedAt: string | null;
  circulatedBy: PersonRef | null;
  adoptedAt: string | null;
  adoptedBy: PersonRef | null;
  lockedAt: string | null;
  lockedBy: PersonRef | null;
  /** Whether the reader may comment now: an attendee, while the minutes circulate and before the deadline. */
  canComment: boolean;
  comments: MinutesCommentView[];
  objections: MinutesObjectionView[];
  corrigenda: CorrigendumView[];
}
