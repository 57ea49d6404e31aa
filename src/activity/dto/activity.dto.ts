import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';

export class ActivityQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;
}

/** One entry of the audit trail. */
export class ActivityView {
  id: string;
  /** null for what the platform did by itself. */
  actorId: string | null;
  actorName: string | null;
  /** e.g. roundtable.status_changed */
  action: string;
  /** e.g. roundtable */
  entityType: string;
  entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed: for an edit, each field as { from, to }; for other actions, what the action records.',
  })
  changes: Record<string, unknown>;
  createdAt: string;
}

export class ActivityPage extends PageOf(ActivityView) {}
