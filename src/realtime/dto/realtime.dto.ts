import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  isUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { bodyProblem, normalizeBody } from '../message-text';
import { CHANNEL_KINDS, type ChannelKind } from '../entities/channel.entity';

/** A message body: trimmed, 1–4000 characters, no control characters except newline and tab. */
function IsMessageBody() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMessageBody',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => bodyProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => bodyProblem(args.value, args.property) ?? '',
      },
    });
}

const uuid = (field: string) => IsUUID('all', { message: `${field} must be a UUID` });

/** 1–128 printable ASCII characters without spaces. */
const CLIENT_MESSAGE_ID = /^[\x21-\x7e]{1,128}$/;

// ---- socket payloads (client → server) ----

export class ChannelRefDto {
  @uuid('channelId')
  channelId: string;
}

export class RoadmapRefDto {
  @uuid('roadmapId')
  roadmapId: string;
}

export class SendMessageDto {
  @uuid('channelId')
  channelId: string;

  @IsString({ message: 'clientMessageId must be a string' })
  @Matches(CLIENT_MESSAGE_ID, { message: 'clientMessageId must be 1 to 128 printable ASCII characters without spaces' })
  clientMessageId: string;

  @Transform(({ value }) => normalizeBody(value))
  @IsMessageBody()
  body: string;

  @IsOptional()
  @uuid('parentId')
  parentId?: string;
}

const SEND_FIELDS = new Set(['channelId', 'clientMessageId', 'body', 'parentId']);

/**
 * message:send is the hot event, and class-validator costs more than the rest of its checks: a payload that is
 * plainly valid by the rules above (the same functions and patterns) becomes the SendMessageDto that validation
 * would make of it; anything else gives null, and takes the full validation, which names each problem.
 */
export function quickSendMessage(payload: Record<string, unknown>): SendMessageDto | null {
  for (const key of Object.keys(payload)) if (!SEND_FIELDS.has(key)) return null;
  const { channelId, clientMessageId, parentId } = payload;
  if (typeof channelId !== 'string' || !isUUID(channelId, 'all')) return null;
  if (typeof clientMessageId !== 'string' || !CLIENT_MESSAGE_ID.test(clientMessageId)) return null;
  const body = normalizeBody(payload.body);
  if (typeof body !== 'string' || bodyProblem(body) !== null) return null;
  if (parentId !== undefined && parentId !== null && (typeof parentId !== 'string' || !isUUID(parentId, 'all'))) return null;
  const dto = new SendMessageDto();
  dto.channelId = channelId;
  dto.clientMessageId = clientMessageId;
  dto.body = body;
  if ('parentId' in payload) dto.parentId = parentId as string | undefined;
  return dto;
}

export class SyncDto {
  @uuid('channelId')
  channelId: string;

  @ApiProperty({ type: 'integer' })
  @IsInt({ message: 'afterSeq must be an integer' })
  @Min(0, { message: 'afterSeq must be 0 or more' })
  afterSeq: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class EditMessageDto {
  @uuid('messageId')
  messageId: string;

  @Transform(({ value }) => normalizeBody(value))
  @IsMessageBody()
  body: string;
}

export class DeleteMessageDto {
  @uuid('messageId')
  messageId: string;

  /** DESIGN §5 sends { messageId } alone; the web client always asks the moderator for a reason. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason must be a string' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

export class RefreshTokenDto {
  @IsString({ message: 'token must be a string' })
  @MinLength(1, { message: 'token is required' })
  @MaxLength(4096)
  token: string;
}

// ---- REST queries ----

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : value;

export class ChannelQuery {
  @IsOptional()
  @IsIn(CHANNEL_KINDS, { message: `kind must be one of ${CHANNEL_KINDS.join(', ')}` })
  kind?: ChannelKind;

  @IsOptional()
  @uuid('refId')
  refId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class MessageHistoryQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'beforeSeq must be a whole number' })
  @Min(1)
  beforeSeq?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}
