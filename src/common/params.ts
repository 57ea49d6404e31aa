import { IsUUID } from 'class-validator';

export class IdParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class MessageIdParam extends IdParam {
  @IsUUID('all', { message: 'messageId must be a UUID' })
  messageId: string;
}
