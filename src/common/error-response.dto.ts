import { ApiInteger } from './decorators';

/** One problem with one field of the request. */
export class FieldErrorView {
  /** The field, dotted for nested ones. @example "startsAt" */
  field: string;

  /** @example "startsAt must be an ISO 8601 date-time with a time zone, e.g. 2025-03-10T09:00:00+08:00" */
  message: string;
}

/**
 * The one error shape of the API (src/common/http-exception.filter.ts). Some errors add fields of their own (a CSV
 * import refused as a whole carries its report, a refused sign-in when to retry).
 */
export class ErrorResponse {
  /** The HTTP status again. @example 404 */
  @ApiInteger()
  statusCode: number;

  /** The status text. @example "Not Found" */
  error: string;

  /** What went wrong, for a person to read. @example "Roundtable not found" */
  message: string;

  /** Each field that was refused, and why; empty when the error is not about one field. */
  details: FieldErrorView[];
}
