import { Entity } from 'typeorm';
import { NullableUuidColumn, TextColumn, JsonObjectColumn } from '../../common/columns';
import { NumberedRecord } from '../../common/entity-bases';

/** The audit record: who changed what, when, and how. Written in the same transaction as the change. */
@Entity('activity')
export class Activity extends NumberedRecord {
  @NullableUuidColumn()
  actorId: string | null;

  @TextColumn()
  action: string;

  @TextColumn()
  entityType: string;

  @TextColumn()
  entityId: string;

  @JsonObjectColumn()
  changes: Record<string, unknown>;
}
