import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with a time zone, naming a real calendar day (2025-02-30 is refused, not rolled over). */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Time zones are required so that a meeting in Suzhou and a reader in Geneva agree on when it is. */
export function IsDateTime(validation?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value: unknown) => isDateTime(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an ISO 8601 date-time with a time zone, e.g. 2025-03-10T09:00:00+08:00`,
      },
    },
    validation,
  );
}

/** A check of this field against the field named `other` of the same object. */
function ComparedWith(
  name: string,
  other: string,
  passes: (value: unknown, otherValue: unknown) => boolean,
  message: (property: string) => string,
  validation?: ValidationOptions,
) {
  return ValidateBy(
    {
      name,
      constraints: [other],
      validator: {
        validate: (value: unknown, args: ValidationArguments) => passes(value, (args.object as Record<string, unknown>)[other]),
        defaultMessage: (args: ValidationArguments) => message(args.property),
      },
    },
    validation,
  );
}

/** This date-time must come after the one in `other` (checked only when both are well-formed). */
export function IsAfter(other: string, validation?: ValidationOptions) {
  return ComparedWith(
    'isAfter',
    other,
    (value, before) => !isDateTime(value) || !isDateTime(before) || Date.parse(value) > Date.parse(before),
    (property) => `${property} must be after ${other}`,
    validation,
  );
}

/** Refuses this field when `other` is also given (null and undefined count as not given). */
export function NotWith(other: string, validation?: ValidationOptions) {
  const given = (v: unknown) => v !== undefined && v !== null;
  return ComparedWith(
    'notWith',
    other,
    (value, theOther) => !given(value) || !given(theOther),
    (property) => `give either ${other} or ${property}, not both`,
    validation,
  );
}
