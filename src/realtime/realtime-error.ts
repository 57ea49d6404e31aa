import { HttpException, HttpStatus } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { QueryFailedError } from 'typeorm';
import type { FieldError } from '../common/errors';
import { REALTIME_ERROR_CODES, type RealtimeErrorCode } from '../shared/realtime-protocol';

/** The error codes of the socket protocol (docs/realtime.md), named in src/shared/realtime-protocol.ts. */
export { REALTIME_ERROR_CODES, type RealtimeErrorCode };

export class RealtimeError extends Error {
  constructor(
    readonly code: RealtimeErrorCode,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface AckFailure {
  ok: false;
  error: { code: RealtimeErrorCode; message: string; details?: FieldError[] };
}

const BY_STATUS: Partial<Record<number, RealtimeErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'validation',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not_found',
  [HttpStatus.TOO_MANY_REQUESTS]: 'rate_limited',
  [HttpStatus.CONFLICT]: 'conflict',
};

/**
 * Translates any error into an acknowledgement, in one place: the services throw the same ApiErrors as for
 * REST, and their HTTP status becomes a protocol code. `internal` is reserved for real faults.
 */
const isAckFailure = (value: unknown): value is AckFailure =>
  typeof value === 'object' && value !== null && (value as AckFailure).ok === false && REALTIME_ERROR_CODES.includes((value as AckFailure).error?.code);

export function toAckFailure(error: unknown): AckFailure {
  if (error instanceof WsException) {
    const raw = error.getError();
    if (isAckFailure(raw)) return raw;
    // Nest's own: a guard that said no.
    return { ok: false, error: { code: 'forbidden', message: typeof raw === 'string' ? raw : error.message } };
  }
  if (error instanceof RealtimeError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details.length ? { details: error.details } : {}) } };
  }
  if (error instanceof HttpException) {
    const code = BY_STATUS[error.getStatus()];
    if (code) {
      const raw = error.getResponse() as { message?: string | string[]; details?: FieldError[] } | string;
      const body = typeof raw === 'object' ? raw : { message: raw };
      const details = body.details ?? [];
      const message = details.length ? details.map((d) => `${d.field}: ${d.message}`).join('; ') : String(body.message ?? error.message);
      return { ok: false, error: { code, message, ...(details.length ? { details } : {}) } };
    }
  }
  if (error instanceof QueryFailedError && (error as { code?: string }).code === '22P02') {
    return { ok: false, error: { code: 'validation', message: 'Malformed value' } };
  }
  return { ok: false, error: { code: 'internal', message: 'Internal server error' } };
}

export const isInternal = (failure: AckFailure) => failure.error.code === 'internal';
