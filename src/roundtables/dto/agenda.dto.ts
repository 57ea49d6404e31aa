import { ApiPropertyOptional } from '@nestjs/swagger';
import { InYearRange } from '../../common/date-range';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import type { PersonRef } from './roundtable.dto';
import { IsAfter, IsDateTime, NotWith } from './validators';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

const given = (_: unknown, v: unknown) => v !== null && v !== undefined;

export class CreateAgendaItemDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @Omittable()
  @IsUUID('all', { message: 'presenterId must be a UUID' })
  presenterId?: string;

  /** For a presenter without an account; not together with presenterId. */
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotWith('presenterId')
  presenterName?: string;

  @Omittable()
  @IsDateTime()
  @InYearRange()
  startsAt?: string;

  @ValidateIf((o: CreateAgendaItemDto) => o.endsAt !== undefined)
  @IsDateTime()
  @InYearRange()
  @IsAfter('startsAt')
  endsAt?: string;

  /** 0-based; defaults to the end of the agenda (and a larger number means the end too). */
  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt({ message: 'position must be a whole number' })
  @Min(0)
  @Max(100_000)
  position?: number;
}

/** null clears presenterId, presenterName, startsAt or endsAt. Setting one presenter field clears the other. */
export class UpdateAgendaItemDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @ValidateIf(given)
  @IsUUID('all', { message: 'presenterId must be a UUID' })
  presenterId?: string | null;

  @ValidateIf(given)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotWith('presenterId')
  presenterName?: string | null;

  @ValidateIf(given)
  @IsDateTime()
  @InYearRange()
  startsAt?: string | null;

  @ValidateIf(given)
  @IsDateTime()
  @InYearRange()
  @IsAfter('startsAt')
  endsAt?: string | null;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @IsInt({ message: 'position must be a whole number' })
  @Min(0)
  @Max(100_000)
  position?: number;
}

export class ReorderAgendaDto {
  @IsArray({ message: 'itemIds must be a list of agenda item ids' })
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'itemIds must not repeat an item' })
  @IsUUID('all', { each: true, message: 'each of itemIds must be a UUID' })
  itemIds: string[];
}

export class MinutesDto {
  @IsLocalizedText({ maxLength: 100_000 })
  text: LocalizedText;
}

export class AgendaItemParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'itemId must be a UUID' })
  itemId: string;
}

export class MinutesView {
  agendaItemId: string;

  @ApiInteger()
  revision: number;

  text: LocalizedText;
  author: PersonRef | null;
  createdAt: string;
}

export class AgendaItemView {
  id: string;
  roundtableId: string;

  @ApiInteger()
  position: number;

  title: LocalizedText;
  presenter: PersonRef | null;
  presenterName: string | null;
  startsAt: string | null;
  endsAt: string | null;
  /** The current minutes (latest revision), or null before any are written. */
  minutes: MinutesView | null;
  createdAt: string;
  updatedAt: string;
}

export class AgendaItemList extends ListOf(AgendaItemView) {}
export class MinutesList extends ListOf(MinutesView) {}
