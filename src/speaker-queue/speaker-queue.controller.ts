import { Body, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser, PostAction } from '../common/decorators';
import { IdParam } from '../common/params';
import { GiveFloorDto, QueueOrderDto, QueueQuery, SpeakerQueueView } from './dto/speaker-queue.dto';
import { SpeakerQueueService } from './speaker-queue.service';

@ApiController('speaker queue', 'roundtables')
export class SpeakerQueueController {
  constructor(private readonly queue: SpeakerQueueService) {}

  @Get(':id/queue')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() { order }: QueueQuery): Promise<SpeakerQueueView> {
    return this.queue.get(user, id, order);
  }

  /** Raise your hand (participants and facilitators of an open roundtable). */
  @Post(':id/queue/hand')
  @ApiErrors(403, 409)
  raise(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<SpeakerQueueView> {
    return this.queue.raise(user, id);
  }

  /** Lower your hand. */
  @Delete(':id/queue/hand')
  lower(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<SpeakerQueueView> {
    return this.queue.lower(user, id);
  }

  /** The facilitator chooses the order the queue follows (alternating constituencies, or as hands went up); everyone is told. */
  @Put(':id/queue/order')
  @ApiErrors(403)
  setOrder(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: QueueOrderDto): Promise<SpeakerQueueView> {
    return this.queue.setOrder(user, id, dto.order);
  }

  /** The facilitator gives the floor (to userId, or the next in order); the current speaker's turn ends. */
  @PostAction(':id/queue/floor')
  @ApiErrors(403, 409)
  giveFloor(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: GiveFloorDto): Promise<SpeakerQueueView> {
    return this.queue.giveFloor(user, id, dto);
  }

  /** The speaker yields, or the facilitator ends the turn. */
  @PostAction(':id/queue/done')
  @ApiErrors(403, 409)
  finish(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<SpeakerQueueView> {
    return this.queue.finish(user, id);
  }
}
