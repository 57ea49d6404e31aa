import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ListOf, PageOf } from '../../common/page-of';
import type { PersonRef } from '../../roundtables/dto/roundtable.dto';
import { ObservationView } from './observation.dto';
export { ExpectedRange, ImportWarning, ValueWarningView } from './observation.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PreviousValue {
  period: string;
  value: number;
  status: string;
}

/** A flagged value awaiting follow-up, with the values before it beside it. */
export class FollowUpItem extends ObservationView {
  previous: PreviousValue[];
}

export class FollowUpPage extends PageOf(FollowUpItem) {}

export class CommentDto {
  @Transform(trim)
  @IsString({ message: 'body is required' })
  @MinLength(1, { message: 'body is required' })
  @MaxLength(2000, { message: 'body must be at most 2000 characters' })
  body: string;
}

/** Confirming or sending back a flagged value says why. */
export class FollowUpDto {
  @Transform(trim)
  @IsString({ message: 'comment is required' })
  @MinLength(1, { message: 'comment is required' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment: string;
}

export class CommentView {
  id: string;
  observationId: string;
  author: PersonRef | null;
  body: string;
  /** comment, or the follow-up step it records (confirmed, sent_back). */
  kind: 'comment' | 'confirmed' | 'sent_back';
  createdAt: string;
}

export class CommentList extends ListOf(CommentView) {}
