import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { FieldError } from '../common/errors';

/** The error codes of the socket protocol (docs/realtime.md). */
export const REALTIME_ERROR_CODES = ['unauthorized', 'forbidden', 'not_found', 'validation', 'rate_limited', 'internal'] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

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
};

/**
 * Translates any error into an acknowledgement, in one place: the services throw the same ApiErrors as for
 * REST, and their HTTP status becomes a protocol code. `internal` is reserved for real faults.
 */
export function toAckFailure(error: unknown): AckFailure {
  if (error instanceof RealtimeError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details.length ? { details: error.details } : {}) } };
  }
  if (error instanceof HttpException) {
    const code = BY_STATUS[error.getStatus()];
    if (code) {
      const raw = error.getResponse() as { message?: unknown; details?: FieldError[] } | string;
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
