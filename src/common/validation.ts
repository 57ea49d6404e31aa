import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ApiError, FieldError } from './errors';
import { cacheValidationRules } from './validation-rules-cache';

/** Flattens nested class-validator errors into [{ field: 'a.b', message }]. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export const validationOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
};

export function validationException(errors: ValidationError[]): ApiError {
  const details = fieldErrors(errors);
  const message = details.length ? details.map((d) => `${d.field}: ${d.message}`).join('; ') : 'Validation failed';
  return new ApiError(HttpStatus.BAD_REQUEST, message, details);
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationRules();
  return new ValidationPipe({ ...validationOptions, exceptionFactory: validationException });
}

/**
 * The field may be left out; when it is sent it is validated like any other, so an explicit null is refused with
 * the field's own message. (class-validator's @IsOptional() lets null through too: it is kept for the fields whose
 * type admits null, where null clears a value.)
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
