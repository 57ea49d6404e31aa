import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationQuery extends PageQuery {
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class MarkReadDto {
  /** Omitted: every notification of the user is marked read. */
  @Omittable()
  @IsArray({ message: 'ids must be an array of UUIDs' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each of ids must be a UUID' })
  ids?: string[];
}
