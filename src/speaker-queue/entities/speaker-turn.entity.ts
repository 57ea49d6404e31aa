import { Column, Entity } from 'typeorm';
import { NullableTimestampColumn, NullableUuidColumn, TextColumn, TimestampColumn, UuidColumn } from '../../common/columns';
import { UuidKeyed } from '../../common/entity-bases';
import type { Constituency } from '../../shared/enums';

export const TURN_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

/** A raised hand at a roundtable, and (once given the floor) the turn it became: on which agenda item, for how long. */
@Entity('speaker_turns')
export class SpeakerTurn extends UuidKeyed {
  @UuidColumn()
  roundtableId: string;

  @UuidColumn()
  userId: string;

  /** The speaker's constituency when they raised their hand. */
  @TextColumn()
  constituency: Constituency;

  @TextColumn({ default: 'waiting' })
  status: TurnStatus;

  @NullableUuidColumn()
  agendaItemId: string | null;

  /** The speaking time the facilitator gave, in seconds (null: no limit). */
  @Column({ type: 'integer', nullable: true })
  limitSeconds: number | null;

  @TimestampColumn()
  raisedAt: Date;

  @NullableTimestampColumn()
  startedAt: Date | null;

  @NullableTimestampColumn()
  endedAt: Date | null;

  @NullableUuidColumn()
  givenById: string | null;
}
