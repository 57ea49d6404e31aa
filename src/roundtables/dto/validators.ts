import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

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
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => isDateTime(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an ISO 8601 date-time with a time zone, e.g. 2025-03-10T09:00:00+08:00`,
      },
    });
}

/** This date-time must come after the one in `other` (checked only when both are well-formed). */
export function IsAfter(other: string, validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName,
      constraints: [other],
      options: validation,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const before = (args.object as Record<string, unknown>)[other];
          if (!isDateTime(value) || !isDateTime(before)) return true;
          return Date.parse(value) > Date.parse(before);
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must be after ${other}`,
      },
    });
}

/** Refuses this field when `other` is also given (null and undefined count as not given). */
export function NotWith(other: string, validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName,
      constraints: [other],
      options: validation,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const theOther = (args.object as Record<string, unknown>)[other];
          return value === undefined || value === null || theOther === undefined || theOther === null;
        },
        defaultMessage: (args: ValidationArguments) => `give either ${other} or ${args.property}, not both`,
      },
    });
}
