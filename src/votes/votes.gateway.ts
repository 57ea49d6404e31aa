import { UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { type VoteCastAck, VoteCastPayload } from '../realtime/dto/events.dto';
import { RealtimeExceptionFilter } from '../realtime/realtime-exception.filter';
import { RealtimeValidationPipe } from '../realtime/realtime-validation.pipe';
import { RealtimeEvent, RealtimeGuard } from '../realtime/realtime.guard';
import type { RealtimeSocket } from '../realtime/realtime.types';
import type { ClientEventName } from '../shared/realtime-protocol';
import { VotesService } from './votes.service';

const on = (event: ClientEventName) => SubscribeMessage(event);

/**
 * The votes' socket events, on the same socket.io server as the rest of the protocol (same path), through the same
 * guard, validation and error acks as RealtimeGateway. Live tallies go out through RealtimeEmitter (VotesService).
 */
@WebSocketGateway({ path: '/socket.io' })
@UseGuards(RealtimeGuard)
@UsePipes(RealtimeValidationPipe)
@UseFilters(RealtimeExceptionFilter)
export class VotesGateway {
  constructor(private readonly votes: VotesService) {}

  @on('vote:cast')
  @RealtimeEvent({ limit: 'write' })
  async cast(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() { voteId, ...ballot }: VoteCastPayload): Promise<VoteCastAck> {
    return { ok: true, ballot: await this.votes.cast(socket.data.user, voteId, ballot) };
  }
}
