import { errorKey, fieldErrorKey, fieldErrors, lockedPeriodKey, type MessageKey } from '../api/errors';

export type Translate = (key: MessageKey['key'], values?: MessageKey['values'] & { defaultValue?: string }) => string;

/**
 * What a form shows after a failure, as translation keys rather than text, so that the messages follow a language
 * switch made while they are on screen.
 */
export interface FormErrors {
  /** Messages to show beside the matching inputs. */
  fields: Record<string, MessageKey>;
  /** A message for the whole form, or null. */
  form: MessageKey | null;
}

/**
 * Turns an API failure into what a form shows: field messages next to the fields the form has, everything else as
 * one message at the top. `overrides` gives a form its own wording for a status (e.g. 409 "the email is taken").
 */
export function formErrorsFrom(error: unknown, formFields: readonly string[], overrides: Partial<Record<number, MessageKey>> = {}): FormErrors {
  const fields: Record<string, MessageKey> = {};
  const byField = fieldErrors(error);
  let unplaced = false;
  for (const [field, message] of Object.entries(byField)) {
    const top = field.split('.')[0];
    // "name.en" is already reported under "name" when the form has a "name" input.
    if (field !== top && formFields.includes(top)) continue;
    if (formFields.includes(field)) fields[field] = fieldErrorKey(message);
    else unplaced = true;
  }
  const status = (error as { status?: number } | null)?.status;
  // A lock is said as such, whatever a form's own wording for a conflict.
  const override = lockedPeriodKey(error) ?? (status !== undefined ? overrides[status] : undefined);
  let form: MessageKey | null = null;
  if (override) form = override;
  else if (Object.keys(fields).length === 0 || unplaced) form = errorKey(error);
  return { fields, form };
}

/** The API names a scope by parkId, city or province (and scopeType); a form shows them at its one scope control. */
export function withScopeError<M>(fields: Record<string, M>): Record<string, M> {
  const scopeError = fields.parkId ?? fields.city ?? fields.province ?? fields.scopeType;
  return scopeError ? { ...fields, scope: scopeError } : fields;
}
