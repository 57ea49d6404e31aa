import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import { PersonRef } from '../../roundtables/dto/roundtable.dto';
import { TRIPARTITE, type Constituency } from '../../shared/enums';

export class CaucusParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsIn(TRIPARTITE, { message: `constituency must be one of ${TRIPARTITE.join(', ')}` })
  constituency: Constituency;
}

export class CaucusStatementDto {
  @IsLocalizedText({ maxLength: 5000 })
  statement: LocalizedText;
}

export class CaucusView {
  id: string;
  roundtableId: string;
  @ApiProperty({ enum: TRIPARTITE })
  constituency: Constituency;
  /** The caucus's private channel: only for the group's own participants (null for everyone else). */
  channelId: string | null;
  /** The group's published statement, part of the plenary record (null until published). */
  statement: LocalizedText | null;
  publishedAt: string | null;
  publishedBy: PersonRef | null;
}

export class CaucusList extends ListOf(CaucusView) {}
