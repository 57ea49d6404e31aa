import type { ApiErrorBody, FieldErrorDetail } from './types';

/** Status used for failures where no HTTP answer arrived (offline, DNS, server down). */
export const NETWORK_ERROR = 0;

/** An API failure: the HTTP status plus the server's message and per-field details. */
export class ApiError extends Error {
  readonly status: number;
  /** The HTTP reason ("Bad Request", "Conflict"...). */
  readonly code: string;
  readonly details: FieldErrorDetail[];
  /** Sent with 429 by the sign-in throttle. */
  readonly retryAfterSeconds?: number;
  /** Sent with some 409s: the status moves that are allowed from where the thing is now. */
  readonly allowed?: string[];
  /** Sent with some 409s: the existing thing the request collided with (e.g. the commitment a decision became). */
  readonly actionItemId?: string;
  /** The whole error body as the server sent it, for answers that carry more than the usual fields (an import report). */
  readonly body: unknown;

  constructor(
    status: number,
    message: string,
    options: { code?: string; details?: FieldErrorDetail[]; retryAfterSeconds?: number; allowed?: string[]; actionItemId?: string; body?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = options.code ?? '';
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allowed = options.allowed;
    this.actionItemId = options.actionItemId;
    this.body = options.body ?? null;
  }

  /** Builds the error from whatever body came back; tolerates non-JSON or partial bodies (proxies, crashes). */
  static fromBody(status: number, body: unknown): ApiError {
    // Untrusted until checked, field by field: the error shape, and the fields some 429s and 409s add to it.
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<
      Record<keyof ApiErrorBody | 'retryAfterSeconds' | 'allowed' | 'actionItemId', unknown>
    >;
    const details = Array.isArray(b.details)
      ? b.details.filter(
          (d: unknown): d is FieldErrorDetail =>
            typeof d === 'object' && d !== null && typeof (d as FieldErrorDetail).field === 'string' && typeof (d as FieldErrorDetail).message === 'string',
        )
      : [];
    return new ApiError(status, typeof b.message === 'string' ? b.message : `HTTP ${status}`, {
      code: typeof b.error === 'string' ? b.error : '',
      details,
      retryAfterSeconds: typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : undefined,
      allowed: Array.isArray(b.allowed) ? b.allowed.filter((a: unknown): a is string => typeof a === 'string') : undefined,
      actionItemId: typeof b.actionItemId === 'string' ? b.actionItemId : undefined,
      body,
    });
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(NETWORK_ERROR, cause instanceof Error ? cause.message : 'Network error');
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/**
 * The server's field messages keyed by field, the first message of each field kept.
 * A nested field ("name.en") is also filed under its top-level field ("name"), so a form that shows one error per
 * input still finds it.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const { field, message } of error.details) {
    if (!(field in out)) out[field] = message;
    const top = field.split('.')[0];
    if (top && !(top in out)) out[top] = message;
  }
  return out;
}

/** An i18n key with its interpolation values. */
export interface MessageKey {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * The server writes its validation messages in English. This maps the known ones to translation keys, so a reader of
 * the Chinese interface sees Chinese; unknown messages fall back to a generic "not valid".
 */
export function fieldErrorKey(message: string): MessageKey {
  const m = message.toLowerCase();
  let match: RegExpMatchArray | null;
  const indicator = indicatorFieldErrorKey(message);
  if (indicator) return indicator;
  if (m.includes('email address') || m.includes('must be an email')) return { key: 'errors.field.email' };
  if (m.includes('needs text in at least one language')) return { key: 'errors.field.oneLanguage' };
  if ((match = m.match(/at least (\d+) characters/))) return { key: 'errors.field.minLength', values: { count: Number(match[1]) } };
  if ((match = m.match(/at most (\d+) characters/))) return { key: 'errors.field.maxLength', values: { count: Number(match[1]) } };
  if (m.includes('is required') || m.includes('should not be empty')) return { key: 'errors.field.required' };
  if (m.includes('does not name an existing')) return { key: 'errors.field.unknownReference' };
  if (m.includes('cannot change your own role')) return { key: 'errors.field.ownRole' };
  if (m.includes('cannot deactivate yourself')) return { key: 'errors.field.deactivateSelf' };
  if (m.includes('currentpassword is wrong')) return { key: 'errors.field.wrongPassword' };
  if (m.includes('too easy to guess')) return { key: 'errors.field.weakPassword' };
  if (m.includes('must not be blank')) return { key: 'errors.field.blank' };
  if (m.includes('too much like the name of another person')) return { key: 'errors.field.nameTaken' };
  if (m.includes('must be a date from the year')) return { key: 'errors.field.dateRange' };
  if (m.includes('must be one of')) return { key: 'errors.field.oneOf' };
  if (m.includes('http or https address')) return { key: 'errors.field.url' };
  if (m.includes('must be after') || m.includes('must not be before')) return { key: 'errors.field.order' };
  if (m.includes('must be a date') || m.includes('iso 8601 date-time')) return { key: 'errors.field.date' };
  if (m.includes('give either')) return { key: 'errors.field.eitherOr' };
  return { key: 'errors.field.invalid' };
}

/** Messages about indicator values, periods, scopes and links (checked before the generic patterns). */
function indicatorFieldErrorKey(message: string): MessageKey | null {
  const m = message.toLowerCase();
  let match: RegExpMatchArray | null;
  if (m.includes('a year (2020), a quarter (2020-q3) or a month')) return { key: 'errors.field.period' };
  if ((match = message.match(/period (\S+) has not begun yet/))) return { key: 'errors.field.periodFuture', values: { period: match[1] } };
  if ((match = message.match(/the period (\S+) of this park is approved and locked/))) return { key: 'errors.periodLocked', values: { period: match[1] } };
  if (m.includes('whole number of persons')) return { key: 'errors.field.wholePersons' };
  if (m.includes('must be a whole number, 0 or more')) return { key: 'errors.field.wholeNumber' };
  if (m.includes('percentage between 0 and 100')) return { key: 'errors.field.percent' };
  if (m.includes('must be 0 (no) or 1 (yes)')) return { key: 'errors.field.yesNo' };
  if (m.includes('score between 0 and 6')) return { key: 'errors.field.score' };
  if (m.includes('0 or more')) return { key: 'errors.field.nonNegative' };
  if (m.includes('must be a number')) return { key: 'errors.field.number' };
  if ((match = message.match(/is not allowed for (\S+); allowed: (.+)$/)))
    return { key: 'errors.field.disaggregationAllowed', values: { code: match[1], allowed: match[2] } };
  if ((match = message.match(/must be empty: (\S+) has no disaggregation/))) return { key: 'errors.field.disaggregationNone', values: { code: match[1] } };
  if (m.includes('must look like sex=female')) return { key: 'errors.field.disaggregationFormat' };
  if (m.includes('names the same key twice')) return { key: 'errors.field.disaggregationTwice' };
  if (m.includes('approves at this level for this scope already')) return { key: 'errors.field.approverTaken' };
  if (m.includes('parks your organization runs')) return { key: 'errors.field.notYourPark' };
  if (m.includes('only facilitators report for a whole city or province')) return { key: 'errors.field.staffAreaOnly' };
  if (m.includes('yes/no indicator is reported per park')) return { key: 'errors.field.yesNoPerPark' };
  if (m.includes('targetdate must be after baselinedate')) return { key: 'errors.field.targetAfterBaseline' };
  if (m.includes('must not be below baselinevalue')) return { key: 'errors.field.targetNotBelow' };
  if (m.includes('must not be above baselinevalue')) return { key: 'errors.field.targetNotAbove' };
  if (m.includes('does not name an indicator') || (match = message.match(/no indicator has the code "([^"]*)"/)))
    return match ? { key: 'errors.field.unknownIndicatorCode', values: { code: match[1] } } : { key: 'errors.field.unknownIndicator' };
  if (m.includes('code must be upper-case')) return { key: 'errors.field.indicatorCode' };
  if (m.includes('dimension must be lower-case')) return { key: 'errors.field.dimension' };
  if ((match = message.match(/no park is named "([^"]*)"/))) return { key: 'errors.field.unknownParkName', values: { name: match[1] } };
  if ((match = message.match(/no park has the id "([^"]*)"/))) return { key: 'errors.field.unknownParkName', values: { name: match[1] } };
  if ((match = message.match(/parks are named "([^"]*)"/))) return { key: 'errors.field.ambiguousPark', values: { name: match[1] } };
  if ((match = message.match(/no park is in a city "([^"]*)"/))) return { key: 'errors.field.unknownCity', values: { name: match[1] } };
  if ((match = message.match(/"([^"]*)" is a city in \d+ provinces/))) return { key: 'errors.field.ambiguousCity', values: { name: match[1] } };
  if ((match = message.match(/no park is in a province "([^"]*)"/))) return { key: 'errors.field.unknownProvince', values: { name: match[1] } };
  if ((match = message.match(/repeats row (\d+)/))) return { key: 'errors.field.duplicateRow', values: { row: Number(match[1]) } };
  if ((match = message.match(/the column (\S+) is missing/))) return { key: 'errors.field.missingColumn', values: { column: match[1] } };
  if ((match = message.match(/unknown column "([^"]*)"/))) return { key: 'errors.field.unknownColumn', values: { column: match[1] } };
  if (m.includes('the file is empty')) return { key: 'errors.field.emptyFile' };
  if (m.includes('not valid csv') || m.includes('a quoted field must be followed')) return { key: 'errors.field.badCsv' };
  if (m.includes('scope_type must be park, city or province')) return { key: 'errors.field.oneOf' };
  return null;
}

/** The message for each status that has one of its own. */
const STATUS_KEYS: Partial<Record<number, MessageKey['key']>> = {
  [NETWORK_ERROR]: 'errors.network',
  400: 'errors.validation',
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  410: 'errors.gone',
};

/** A value refused because its park's period is approved and locked: the message names the lock and the period. */
export function lockedPeriodKey(error: unknown): MessageKey | null {
  if (!isApiError(error) || error.status !== 409) return null;
  for (const { message } of error.details) {
    const match = message.match(/the period (\S+) of this park is approved and locked/);
    if (match) return { key: 'errors.periodLocked', values: { period: match[1] } };
  }
  return null;
}

/** The translation key of a form-level message for an error that is not about one field. */
export function errorKey(error: unknown): MessageKey {
  if (!isApiError(error)) return { key: 'errors.unexpected' };
  const locked = lockedPeriodKey(error);
  if (locked) return locked;
  if (error.status === 429) {
    return error.retryAfterSeconds
      ? { key: 'errors.tooManyRequestsWait', values: { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) } }
      : { key: 'errors.tooManyRequests' };
  }
  return { key: STATUS_KEYS[error.status] ?? (error.status >= 500 ? 'errors.server' : 'errors.unexpected') };
}
