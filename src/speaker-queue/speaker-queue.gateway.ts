import { UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { QueueHandPayload, type SpeakerQueueAck } from '../realtime/dto/events.dto';
import { RealtimeExceptionFilter } from '../realtime/realtime-exception.filter';
import { RealtimeValidationPipe } from '../realtime/realtime-validation.pipe';
import { RealtimeEvent, RealtimeGuard } from '../realtime/realtime.guard';
import type { RealtimeSocket } from '../realtime/realtime.types';
import type { ClientEventName } from '../shared/realtime-protocol';
import { SpeakerQueueService } from './speaker-queue.service';

const on = (event: ClientEventName) => SubscribeMessage(event);

/**
 * Raising and lowering a hand from the socket (a phone in the room), through the same service as the REST routes:
 * the same rules, the same queue:changed to the roundtable's room. Same guard, validation and error acks as
 * RealtimeGateway.
 */
@WebSocketGateway({ path: '/socket.io' })
@UseGuards(RealtimeGuard)
@UsePipes(RealtimeValidationPipe)
@UseFilters(RealtimeExceptionFilter)
export class SpeakerQueueGateway {
  constructor(private readonly queue: SpeakerQueueService) {}

  @on('queue:hand')
  @RealtimeEvent({ limit: 'write' })
  async raise(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { roundtableId }: QueueHandPayload): Promise<SpeakerQueueAck> {
    return { ok: true, queue: await this.queue.raise(socket.data.user, roundtableId) };
  }

  @on('queue:lower')
  @RealtimeEvent({ limit: 'write' })
  async lower(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { roundtableId }: QueueHandPayload): Promise<SpeakerQueueAck> {
    return { ok: true, queue: await this.queue.lower(socket.data.user, roundtableId) };
  }
}
