import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseWsExceptionFilter } from '@nestjs/websockets';
import { isInternal, toAckFailure } from './realtime-error';

/**
 * Turns whatever a client → server event threw (a refusal of the guard, a validation failure of the pipe, a
 * service's ApiError, a fault) into its acknowledgement `{ ok: false, error: { code, message } }`; only real faults
 * are `internal`, and logged.
 */
@Catch()
export class RealtimeExceptionFilter extends BaseWsExceptionFilter {
  private readonly logger = new Logger('RealtimeGateway');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const failure = toAckFailure(exception);
    if (isInternal(failure)) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // The handler's arguments: the socket, the payload, then the client's callback when it asked for an ack.
    const ack = host.getArgs().find((arg: unknown): arg is (answer: unknown) => void => typeof arg === 'function');
    ack?.(failure);
  }
}
