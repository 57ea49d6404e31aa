import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { JSON_BODY_LIMIT_BYTES } from './request-input';

/**
 * Beyond this many bytes an oversized body is no longer read: the connection is closed instead. Up to it, the body is
 * read to its end and dropped, so a client still sending it receives the 413 rather than a broken pipe.
 */
const DRAIN_LIMIT_BYTES = 16 * JSON_BODY_LIMIT_BYTES;

/**
 * The body of a request, at most `limit` bytes. Fastify's own reader answers an oversized body before the client
 * has finished sending it and closes the connection, which a client sees as a failed request (EPIPE), not a 413.
 */
function readBody(request: FastifyRequest, payload: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(request.headers['content-length']) > limit;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      tooLarge ||= received > limit;
      if (!tooLarge) chunks.push(chunk);
      else if (received > DRAIN_LIMIT_BYTES) finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    };
    const finish = (error?: Error) => {
      payload.off('data', onData).off('end', finish).off('error', finish);
      if (error) reject(error);
      else if (tooLarge) reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      else resolve(Buffer.concat(chunks, received));
    };
    payload.on('data', onData).on('end', finish).on('error', finish);
  });
}

/**
 * The bodies the API reads, each at most JSON_BODY_LIMIT_BYTES: JSON (an object or an array; an empty body reads as {}) and urlencoded forms
 * (the one-click unsubscribe). Any other body (an upload: multipart, CSV, a spreadsheet) is left unread, for the route
 * to stream from the request. The app is created with Nest's own parsers off.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  const defaultJson = fastify.getDefaultJsonParser('error', 'error');
  const parseJson = (request: FastifyRequest, text: string) =>
    new Promise<unknown>((resolve, reject) => {
      void defaultJson(request, text, (error, value) => (error ? reject(error) : resolve(value)));
    });
  const jsonBody = async (request: FastifyRequest, payload: IncomingMessage) => {
    const body = await readBody(request, payload, JSON_BODY_LIMIT_BYTES);
    if (body.length === 0) return {};
    const value = await parseJson(request, body.toString('utf8'));
    // As strict JSON APIs do, only an object or an array is a body: `null` or `3` is refused like malformed JSON.
    if (typeof value !== 'object' || value === null) throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    return value;
  };
  const formBody = async (request: FastifyRequest, payload: IncomingMessage) => {
    const body = await readBody(request, payload, JSON_BODY_LIMIT_BYTES);
    return { ...parseQueryString(body.toString('utf8')) };
  };
  for (const [type, read] of [
    ['application/json', jsonBody],
    ['application/x-www-form-urlencoded', formBody],
  ] as const) {
    fastify.addContentTypeParser(type, (request, payload, done) => {
      read(request, payload).then(
        (value) => done(null, value),
        (error: Error) => done(error, undefined),
      );
    });
  }
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
}
