import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** The one error shape of the API: { statusCode, error, message, details }. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, message: string, details: FieldError[] = [], extra: Record<string, unknown> = {}) {
    super({ statusCode: status, error: HttpStatus[status] ?? 'Error', message, details, ...extra }, status);
  }
}

export const notFound = (what: string) => new ApiError(HttpStatus.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You may not do this') => new ApiError(HttpStatus.FORBIDDEN, message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new ApiError(HttpStatus.CONFLICT, message, [], extra);
export const badRequest = (field: string, message: string) => new ApiError(HttpStatus.BAD_REQUEST, 'Validation failed', [{ field, message }]);

/** What a lookup found; when it found nothing, a 404 naming what was looked for. */
export function orNotFound<T>(found: T | null | undefined, what: string): T {
  if (!found) throw notFound(what);
  return found;
}
