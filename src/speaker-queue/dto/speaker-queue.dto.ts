import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ApiInteger } from '../../common/decorators';
import { Omittable } from '../../common/validation';
import { PersonRef } from '../../roundtables/dto/roundtable.dto';
import { CONSTITUENCIES, type Constituency } from '../../shared/enums';
import { TURN_STATUSES, type TurnStatus } from '../entities/speaker-turn.entity';
import { QUEUE_ORDERS, type QueueOrder } from '../speaking-order';

export class QueueQuery {
  /** alternate (the default): one from each constituency in turn; fifo: the order hands went up. */
  @Omittable()
  @IsIn(QUEUE_ORDERS, { message: `order must be one of ${QUEUE_ORDERS.join(', ')}` })
  order?: QueueOrder;
}

export class QueueOrderDto {
  /** alternate: one from each constituency in turn; fifo: the order hands went up. */
  @ApiProperty({ enum: QUEUE_ORDERS })
  @IsIn(QUEUE_ORDERS, { message: `order must be one of ${QUEUE_ORDERS.join(', ')}` })
  order: QueueOrder;
}

export class GiveFloorDto {
  /** Who gets the floor; without it, the next in the queue's order. */
  @Omittable()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  /** alternate or fifo: which order "next" follows (kept as the queue's order); without it, the queue's order. */
  @Omittable()
  @IsIn(QUEUE_ORDERS, { message: `order must be one of ${QUEUE_ORDERS.join(', ')}` })
  order?: QueueOrder;

  /** Speaking time in seconds (5–3600); queue:time_up is told when it runs out. */
  @Omittable()
  @IsInt({ message: 'limitSeconds must be an integer' })
  @Min(5, { message: 'limitSeconds must be at least 5' })
  @Max(3600, { message: 'limitSeconds must be at most 3600' })
  limitSeconds?: number;

  /** The agenda item being discussed, kept with the turn. */
  @Omittable()
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string;
}

export class TurnView {
  id: string;
  speaker: PersonRef;
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  @ApiProperty({ enum: TURN_STATUSES })
  status: TurnStatus;
  agendaItemId: string | null;
  limitSeconds: number | null;
  raisedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export class SpeakingTimeView {
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  @ApiInteger()
  seconds: number;
}

export class SpeakerQueueView {
  roundtableId: string;
  @ApiProperty({ enum: QUEUE_ORDERS })
  order: QueueOrder;
  /** Who has the floor. */
  speaking: TurnView | null;
  /** Raised hands, in the order they will get the floor. */
  waiting: TurnView[];
  /** Seconds spoken per constituency (every constituency), turns so far included. */
  speakingTime: SpeakingTimeView[];
  /** Finished turns, oldest first: who spoke, on which agenda item, for how long. */
  spoken: TurnView[];
}
