import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const ERROR_DESCRIPTIONS = {
  400: 'The request was refused: details names each field and what is wrong with it.',
  401: 'Not signed in, or the access token has expired.',
  403: 'Signed in, but not allowed to do this.',
  404: 'Not found (or not visible to you).',
  409: 'Conflicts with the current state of the record.',
  410: 'No longer available.',
  413: 'The request body is too large.',
  415: "The uploaded file's type (read from its content) is not accepted.",
  429: 'Too many attempts; try again after the number of seconds in the Retry-After header.',
  502: 'An outside service the API asked (e.g. the machine translation server) gave no usable answer.',
  503: 'A service the API depends on is unavailable.',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The extension that carries one error status of a route to buildOpenApiDocument, which turns it into a response. */
export const ERROR_EXTENSION = 'x-error-';

/**
 * The error responses a route can give, all with the one error shape (the ErrorResponse schema). Added to every
 * operation without being named: 400 where there is input, 401 where a token is needed, 404 where the path names a
 * record; name the others here (@Roles adds 403). Carried as extensions rather than @ApiResponse, which would keep the
 * swagger plugin from adding the success response it reads from the return type.
 */
export const ApiErrors = (...statuses: ErrorStatus[]) => applyDecorators(...statuses.map((status) => ApiExtension(`${ERROR_EXTENSION}${status}`, true)));
