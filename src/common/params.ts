import { IsUUID } from 'class-validator';

export class IdParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
