import { HttpStatus, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { errorResponse } from './http-exception.filter';
import { ApiError, type FieldError } from './errors';

/**
 * Limits every request body and query is held to before any parsing beyond JSON.parse, validation or database
 * work: together they bound the time one request can hold the event loop. The largest body the API takes is a
 * roundtable's minutes (100,000 characters in each of two languages), well under the size limit; no body nests
 * deeper than a few levels or holds more than a few hundred values.
 */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_INPUT_DEPTH = 32;
export const MAX_INPUT_VALUES = 20_000;

const NUL = '\u0000';

/** The path of a value for an error (`title.en`, `items[3]`), `root` for the whole. */
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The first problem of a parsed JSON value or query (nesting, size, NUL characters PostgreSQL cannot store), or
 * null. Walked without recursion, so any depth is safe to look at; it stops at the first problem.
 */
export function inputProblem(value: unknown, root = 'body'): FieldError | null {
  let values = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (++values > MAX_INPUT_VALUES) return { field: root, message: `${root} must hold at most ${MAX_INPUT_VALUES} values` };
    if (typeof current === 'string') {
      if (current.includes(NUL)) return { field: path || root, message: `${path || root} must not contain NUL characters` };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      const top = path.split(/[.[]/)[0] || root;
      return { field: top, message: `${top} must not be nested more than ${MAX_INPUT_DEPTH} levels deep` };
    }
    const size = Array.isArray(current) ? current.length : Object.keys(current).length;
    if (values + stack.length + size > MAX_INPUT_VALUES) return { field: root, message: `${root} must hold at most ${MAX_INPUT_VALUES} values` };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i] as unknown, path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (key.includes(NUL)) return { field: path || root, message: `${path || root} must not have a field name with a NUL character` };
      stack.push({ value: (current as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

const logger = new Logger('RequestInput');

function refuse(request: Request, response: Response, error: ApiError): void {
  const { status, body } = errorResponse(error);
  logger.warn(`${request.method} ${request.originalUrl.split('?')[0]} refused with ${status}: ${body.message as string}`);
  response.status(status).json(body);
}

/**
 * Refuses, before any route sees it, a request whose path, query or body a route could not safely handle: NUL
 * characters, nesting deeper than MAX_INPUT_DEPTH, more than MAX_INPUT_VALUES values. Runs after the body parsers.
 */
export function guardRequestInput(request: Request, response: Response, next: NextFunction): void {
  const rawPath = request.originalUrl.split('?')[0];
  if (/%00/i.test(rawPath) || rawPath.includes(NUL)) {
    return refuse(
      request,
      response,
      new ApiError(HttpStatus.BAD_REQUEST, 'path: must not contain NUL characters', [{ field: 'path', message: 'the path must not contain NUL characters' }]),
    );
  }
  const problem = inputProblem(request.query, 'query') ?? (request.body !== undefined ? inputProblem(request.body as unknown) : null);
  if (problem) return refuse(request, response, new ApiError(HttpStatus.BAD_REQUEST, `${problem.field}: ${problem.message}`, [problem]));
  next();
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * Answers the body parsers' errors (malformed JSON, a body over the limit, an unknown charset) in the one error
 * shape, and logs them. Placed right after the parsers: the routes never see such a request.
 */
export function bodyParserErrors(error: BodyParserError, request: Request, response: Response, next: NextFunction): void {
  if (!error || typeof error.type !== 'string') return next(error);
  switch (error.type) {
    case 'entity.too.large':
      return refuse(
        request,
        response,
        new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `The request body must be at most ${JSON_BODY_LIMIT_BYTES / 1024 / 1024} MB`),
      );
    case 'entity.parse.failed':
      return refuse(
        request,
        response,
        new ApiError(HttpStatus.BAD_REQUEST, 'body: is not valid JSON', [{ field: 'body', message: `the body is not valid JSON (${error.message})` }]),
      );
    default: {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : HttpStatus.BAD_REQUEST;
      return refuse(request, response, new ApiError(status, `body: ${error.message}`, [{ field: 'body', message: error.message }]));
    }
  }
}
