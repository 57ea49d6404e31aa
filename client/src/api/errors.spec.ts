import en from '../i18n/en.json';
import { formErrorsFrom, type FormErrors, type Translate } from '../lib/formErrors';
import { ApiError, errorKey, fieldErrorKey, fieldErrors, NETWORK_ERROR } from './errors';

/** Resolves a dotted key in en.json, so the tests also prove every mapped key exists. */
function lookup(key: string): string | undefined {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
  return typeof value === 'string' ? value : undefined;
}
const translate: Translate = (key, values) => {
  const text = lookup(key);
  if (text === undefined) throw new Error(`missing translation key ${key}`);
  return text.replace(/{{(\w+)}}/g, (_, name: string) => String(values?.[name] ?? `{{${name}}}`));
};

const validationBody = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'email: email must be an email address; name: name needs text in at least one language (en or zh)',
  details: [
    { field: 'email', message: 'email must be an email address' },
    { field: 'name', message: 'name needs text in at least one language (en or zh)' },
    { field: 'email', message: 'email must be shorter than or equal to 254 characters' },
  ],
};

describe('ApiError.fromBody', () => {
  it('carries status, message and details from the API error shape', () => {
    const error = ApiError.fromBody(400, validationBody);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe('Bad Request');
    expect(error.message).toBe(validationBody.message);
    expect(error.details).toHaveLength(3);
  });

  it('keeps retryAfterSeconds of a throttled sign-in', () => {
    const error = ApiError.fromBody(429, { statusCode: 429, error: 'Too Many Requests', message: 'slow down', details: [], retryAfterSeconds: 900 });
    expect(error.retryAfterSeconds).toBe(900);
    expect(errorKey(error)).toEqual({ key: 'errors.tooManyRequestsWait', values: { minutes: 15 } });
  });

  it('survives bodies that are not the API shape', () => {
    const error = ApiError.fromBody(502, '<html>Bad gateway</html>');
    expect(error.status).toBe(502);
    expect(error.message).toBe('HTTP 502');
    expect(error.details).toEqual([]);
    const junk = ApiError.fromBody(400, { details: [{ field: 'a' }, 'x', { field: 'b', message: 'b is required' }] });
    expect(junk.details).toEqual([{ field: 'b', message: 'b is required' }]);
  });
});

describe('fieldErrors', () => {
  it('maps details to fields, keeping the first message of each field', () => {
    expect(fieldErrors(ApiError.fromBody(400, validationBody))).toEqual({
      email: 'email must be an email address',
      name: 'name needs text in at least one language (en or zh)',
    });
  });

  it('files nested fields under their top-level field as well', () => {
    const error = new ApiError(400, 'x', { details: [{ field: 'name.en', message: 'en must be at most 200 characters' }] });
    expect(fieldErrors(error)).toEqual({ 'name.en': 'en must be at most 200 characters', name: 'en must be at most 200 characters' });
  });

  it('is empty for anything that is not an ApiError', () => {
    expect(fieldErrors(new Error('boom'))).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe('fieldErrorKey', () => {
  it.each([
    ['email must be an email address', 'errors.field.email', undefined],
    ['password must be at least 10 characters', 'errors.field.minLength', { count: 10 }],
    ['en must be at most 200 characters', 'errors.field.maxLength', { count: 200 }],
    ['displayName is required', 'errors.field.required', undefined],
    ['name needs text in at least one language (en or zh)', 'errors.field.oneLanguage', undefined],
    ['organizationId does not name an existing organization', 'errors.field.unknownReference', undefined],
    ['You cannot change your own role', 'errors.field.ownRole', undefined],
    ['You cannot deactivate yourself', 'errors.field.deactivateSelf', undefined],
    ['currentPassword is wrong', 'errors.field.wrongPassword', undefined],
    [
      'password is too easy to guess: avoid common passwords, repeated or sequential characters, and your email or name',
      'errors.field.weakPassword',
      undefined,
    ],
    ['displayName must not be blank', 'errors.field.blank', undefined],
    ['displayName is too much like the name of another person', 'errors.field.nameTaken', undefined],
    ['dueDate must be a date from the year 1900 to 2200', 'errors.field.dateRange', undefined],
    ['role must be one of admin, facilitator, member, observer', 'errors.field.oneOf', undefined],
    ['url must be an http or https address', 'errors.field.url', undefined],
    ['endsAt must be after startsAt', 'errors.field.order', undefined],
    ['periodEnd must not be before periodStart', 'errors.field.order', undefined],
    ['dueDate must be a date (YYYY-MM-DD)', 'errors.field.date', undefined],
    ['startsAt must be an ISO 8601 date-time with a time zone, e.g. 2025-03-10T09:00:00+08:00', 'errors.field.date', undefined],
    ['give either presenterId or presenterName, not both', 'errors.field.eitherOr', undefined],
    ['something the client has never seen', 'errors.field.invalid', undefined],
  ])('%s → %s', (message, key, values) => {
    expect(fieldErrorKey(message)).toEqual(values ? { key, values } : { key });
    expect(lookup(key)).toBeDefined();
  });
});

describe('errorKey', () => {
  it.each([
    [NETWORK_ERROR, 'errors.network'],
    [400, 'errors.validation'],
    [401, 'errors.unauthorized'],
    [403, 'errors.forbidden'],
    [404, 'errors.notFound'],
    [409, 'errors.conflict'],
    [410, 'errors.gone'],
    [429, 'errors.tooManyRequests'],
    [500, 'errors.server'],
    [503, 'errors.server'],
    [418, 'errors.unexpected'],
  ])('status %s → %s', (status, key) => {
    expect(errorKey(new ApiError(status, 'x')).key).toBe(key);
    expect(lookup(key)).toBeDefined();
  });

  it('treats non-API errors as unexpected', () => {
    expect(errorKey(new TypeError('x')).key).toBe('errors.unexpected');
  });
});

/** What the user reads: the form errors rendered in English. */
function rendered({ fields, form }: FormErrors) {
  return {
    fields: Object.fromEntries(Object.entries(fields).map(([field, m]) => [field, translate(m.key, m.values)])),
    form: form ? translate(form.key, form.values) : null,
  };
}

describe('formErrorsFrom', () => {
  it('puts translated messages beside the fields the form has', () => {
    const result = formErrorsFrom(ApiError.fromBody(400, validationBody), ['email', 'name']);
    expect(rendered(result)).toEqual({
      fields: { email: 'Enter a valid email address.', name: 'Enter the text in at least one language.' },
      form: null,
    });
  });

  it('reports a nested field once, under the input of its top-level field', () => {
    const error = new ApiError(400, 'x', { details: [{ field: 'name.en', message: 'en must be at most 200 characters' }] });
    expect(rendered(formErrorsFrom(error, ['name']))).toEqual({ fields: { name: 'Use at most 200 characters.' }, form: null });
  });

  it('adds a form-level message when a field error has no input on the form', () => {
    const error = new ApiError(400, 'x', {
      details: [
        { field: 'email', message: 'email must be an email address' },
        { field: 'other', message: 'other is required' },
      ],
    });
    const result = rendered(formErrorsFrom(error, ['email']));
    expect(result.fields).toEqual({ email: 'Enter a valid email address.' });
    expect(result.form).toBe(translate('errors.validation'));
  });

  it('uses a per-status override for errors about the whole form', () => {
    const conflict = ApiError.fromBody(409, { statusCode: 409, error: 'Conflict', message: 'A user with this email already exists', details: [] });
    expect(rendered(formErrorsFrom(conflict, ['email'], { 409: { key: 'invitations.emailTaken' } }))).toEqual({
      fields: {},
      form: 'Someone with this email address already has an account.',
    });
    expect(rendered(formErrorsFrom(conflict, ['email'])).form).toBe(translate('errors.conflict'));
  });

  it('names the lock of an approved period, whatever the form calls a conflict', () => {
    const locked = ApiError.fromBody(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'This value is locked: the period 2026-06 of this park is approved and locked: an admin must unlock it first',
      details: [{ field: 'period', message: 'the period 2026-06 of this park is approved and locked: an admin must unlock it first' }],
    });
    const expected = translate('errors.periodLocked', { period: '2026-06' });
    expect(rendered(formErrorsFrom(locked, ['value'], { 409: { key: 'observation.correctConflict' } })).form).toBe(expected);
    expect(rendered(formErrorsFrom(locked, ['period'])).fields.period).toBe(expected);
    expect(translate(errorKey(locked).key, errorKey(locked).values)).toBe(expected);
  });

  it('reports network failures as such', () => {
    expect(rendered(formErrorsFrom(ApiError.network(new TypeError('fetch failed')), [])).form).toBe(translate('errors.network'));
  });
});
