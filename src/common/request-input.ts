import { HttpStatus, Logger } from '@nestjs/common';
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

/** A request as the input guard reads it (Fastify's, with the query and body already parsed). */
interface GuardedRequest {
  method: string;
  url: string;
  query: unknown;
  body: unknown;
}

function refused(request: GuardedRequest, error: ApiError): ApiError {
  logger.warn(`${request.method} ${request.url.split('?')[0]} refused with ${error.getStatus()}: ${error.message}`);
  return error;
}

/** Null when the raw path is safe to route, else the 400 for a NUL character in it. Run before routing. */
export function pathProblem(request: GuardedRequest): ApiError | null {
  const rawPath = request.url.split('?')[0];
  if (!/%00/i.test(rawPath) && !rawPath.includes(NUL)) return null;
  return refused(
    request,
    new ApiError(HttpStatus.BAD_REQUEST, 'path: must not contain NUL characters', [{ field: 'path', message: 'the path must not contain NUL characters' }]),
  );
}

/**
 * Null when a parsed query and body are safe for any route, else the 400 naming the first problem: NUL characters,
 * nesting deeper than MAX_INPUT_DEPTH, more than MAX_INPUT_VALUES values. Run after the body parsers, before
 * validation.
 */
export function parsedInputProblem(request: GuardedRequest): ApiError | null {
  const problem = inputProblem(request.query, 'query') ?? (request.body !== undefined ? inputProblem(request.body) : null);
  return problem ? refused(request, new ApiError(HttpStatus.BAD_REQUEST, `${problem.field}: ${problem.message}`, [problem])) : null;
}

/** An error Fastify raises while reading a request, before any route: its `code` says which (FST_ERR_*). */
interface FastifyRequestError extends Error {
  code?: string;
  statusCode?: number;
}

/**
 * The API's error for what Fastify refused while reading a request (malformed JSON, a body over the limit, a bad
 * content length or URL), or null for any other error. The routes never see such a request.
 */
export function requestReadingError(error: unknown, request: GuardedRequest): ApiError | null {
  const { code, statusCode, message } = (error ?? {}) as FastifyRequestError;
  if (typeof code !== 'string' || !code.startsWith('FST_ERR_')) return null;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return refused(request, new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `The request body must be at most ${JSON_BODY_LIMIT_BYTES / 1024 / 1024} MB`));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return refused(
        request,
        new ApiError(HttpStatus.BAD_REQUEST, 'body: is not valid JSON', [{ field: 'body', message: `the body is not valid JSON (${message})` }]),
      );
    case 'FST_ERR_BAD_URL':
      return refused(request, new ApiError(HttpStatus.BAD_REQUEST, 'path: is not a valid URL', [{ field: 'path', message }]));
    default: {
      if (!statusCode || statusCode < 400 || statusCode >= 500) return null;
      return refused(request, new ApiError(statusCode, `body: ${message}`, [{ field: 'body', message }]));
    }
  }
}
