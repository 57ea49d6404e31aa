import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind } from '../entities/channel.entity';
import { Omittable } from '../../common/validation';

// The socket payloads are in events.dto.ts.

const uuid = (field: string) => IsUUID('all', { message: `${field} must be a UUID` });

// ---- REST queries ----

// Fastify's query parser gives a string, or an array of two or more when the key repeats, which could
// never read as digits: only a string or a number can.
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (typeof value === 'string' || typeof value === 'number') && /^\d+$/.test(String(value))
      ? Number(value)
      : value;

export class ChannelQuery {
  @Omittable()
  @IsIn(CHANNEL_KINDS, { message: `kind must be one of ${CHANNEL_KINDS.join(', ')}` })
  kind?: ChannelKind;

  @Omittable()
  @uuid('refId')
  refId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;

  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class MessageHistoryQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt({ message: 'beforeSeq must be a whole number' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  beforeSeq?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @Omittable()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;
}
