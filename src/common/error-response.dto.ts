import { ApiInteger } from './decorators';

/** One problem with one field of the request. */
export class FieldErrorView {
  /** The field, dotted for nested ones. @example "startsAt" */
  field: string;

  /** @example "startsAt must be an ISO 8601 date-time with a time zone, e.g. 2025-03-10T09:00:00+08:00" */
  message: string;
}

/**
 * The one error shape of the API (src/common/http-exception.filter.ts). Some errors add fields of their own: those
 * below marked optional, and a CSV import refused as a whole carries the fields of its ImportReport.
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

  /** Sign-in refused after too many failures (429): seconds until it may be tried again. @example 900 */
  @ApiInteger()
  retryAfterSeconds?: number;

  /** A status change refused (409): the statuses the record may move to from its current one. @example ["open"] */
  allowed?: string[];

  /** A decision that was already promoted (409): the commitment it became. */
  actionItemId?: string;

  /** An observation that was superseded (409): the current value, to verify or correct instead. */
  currentId?: string | null;

  /** An observation that was superseded (409): the correction that replaced it. */
  supersededById?: string | null;

  /** An observation already verified or rejected (409): its status. @example "verified" */
  status?: string;
}
