import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A 429 whose thrower did not say how long to wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The status and body of the one error shape for any error (an unknown one is a 500). */
export function errorResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const fromObject = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const message = Array.isArray(fromObject.message)
      ? fromObject.message.join('; ')
      : ((fromObject.message as string | undefined) ?? (typeof raw === 'string' ? raw : exception.message));
    return {
      status,
      body: {
        ...fromObject,
        statusCode: status,
        error: STATUS_TEXT[status] ?? HttpStatus[status] ?? 'Error',
        message,
        details: fromObject.details ?? [],
      },
    };
  }
  // Invalid text representation (e.g. a malformed uuid that slipped past a DTO) is the client's fault.
  if (exception instanceof QueryFailedError && (exception as { code?: string }).code === '22P02') {
    return { status: 400, body: { statusCode: 400, error: STATUS_TEXT[400], message: 'Malformed value', details: [] } };
  }
  // A delete refused because other records still point at the row (a park with observations, say).
  if (exception instanceof QueryFailedError && (exception as { code?: string }).code === '23503') {
    return { status: 409, body: { statusCode: 409, error: STATUS_TEXT[409], message: 'Still in use by other records', details: [] } };
  }
  return { status: 500, body: { statusCode: 500, error: STATUS_TEXT[500], message: 'Internal server error', details: [] } };
}

/** Translates every error into { statusCode, error, message, details }. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = errorResponse(exception);
    if (status >= 500) {
      // The request is named in the line itself: at warn and quieter there is no access line to match it with.
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      this.logger.error(`${request.method} ${request.url.split('?')[0]} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    // Every 429 says when to come back, in the header clients and proxies read (and in the body when the thrower knew).
    if (status === (HttpStatus.TOO_MANY_REQUESTS as number)) {
      const seconds = typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : DEFAULT_RETRY_AFTER_SECONDS;
      response.header('Retry-After', String(Math.max(1, Math.ceil(seconds))));
    }
    void response.status(status).send(body);
  }
}
