import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PageOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';

export class ActivityQuery extends PageQuery {
  @Omittable()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @Omittable()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Omittable()
  @IsUUID()
  actorId?: string;

  @Omittable()
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
