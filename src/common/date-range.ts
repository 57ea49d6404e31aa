import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Dates the platform takes: a meeting, a due date or a baseline is never before 1900 nor after 2200. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;

/** The year a date or date-time text starts with (ISO 8601, an expanded year with its sign too), or null. */
function yearOf(value: string): number | null {
  const match = /^([+-]?\d{4,6})-/.exec(value);
  return match ? Number(match[1]) : null;
}

/**
 * DTO decorator: a date or date-time whose year lies from EARLIEST_YEAR to LATEST_YEAR. A value that is not a date
 * at all is left to the format check beside it (so each mistake is told once).
 */
export function InYearRange(validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'inYearRange',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return true;
          const year = yearOf(value);
          return year === null || (year >= EARLIEST_YEAR && year <= LATEST_YEAR);
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a date from the year ${EARLIEST_YEAR} to ${LATEST_YEAR}`,
      },
    });
}
