import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { inputProblem } from '../common/request-input';
import { fieldErrors } from '../common/validation';
import { cacheValidationRules } from '../common/validation-rules-cache';
import { ChannelRefPayload, MessageSendPayload, quickChannelRef, quickSendMessage, REALTIME_SCHEMA_CLASSES } from './dto/events.dto';
import type { AckFailure } from './realtime-error';

/** The classes of client → server payloads: only a handler's parameter of one of these is validated. */
const PAYLOAD_CLASSES = new Set<unknown>(Object.values(REALTIME_SCHEMA_CLASSES));

/**
 * Cheaper checks that accept only plainly valid payloads of a hot event (anything else takes the full validation,
 * which names each problem).
 */
const QUICK: ReadonlyMap<unknown, (payload: Record<string, unknown>) => object | null> = new Map<unknown, (payload: Record<string, unknown>) => object | null>([
  [MessageSendPayload, quickSendMessage],
  [ChannelRefPayload, quickChannelRef],
]);

const failure = (message: string, details: { field: string; message: string }[]): WsException =>
  new WsException({ ok: false, error: { code: 'validation', message, details } } satisfies AckFailure);

/**
 * Validates socket payloads as the global pipe does REST bodies (class-validator; unknown fields refused): a
 * payload that is not a single JSON object, or breaks its class's rules, is answered
 * `{ ok: false, error: { code: 'validation', message, details } }` (RealtimeExceptionFilter sends it as the ack).
 */
@Injectable()
export class RealtimeValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) => {
        const details = fieldErrors(errors);
        return failure(details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'Validation failed', details);
      },
    });
    cacheValidationRules();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!PAYLOAD_CLASSES.has(metadata.metatype)) return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw failure('payload must be an object', [{ field: 'payload', message: 'payload must be an object' }]);
    }
    const problem = inputProblem(value, 'payload');
    if (problem) throw failure(`${problem.field}: ${problem.message}`, [problem]);
    const quick = QUICK.get(metadata.metatype)?.(value as Record<string, unknown>);
    return quick ?? (await super.transform(value, metadata));
  }
}
