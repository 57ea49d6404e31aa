import { useState } from 'react';
import type { MessageKey } from '../api/errors';
import { formErrorsFrom } from './formErrors';
import type { Message } from './message';

/**
 * The errors and the saving state of a form that checks its fields, then sends them. `place` moves field errors of
 * the answer to the inputs that show them (e.g. withScopeError).
 */
export function useFormSubmission(
  fields: readonly string[],
  overrides?: Partial<Record<number, MessageKey>>,
  place: (fields: Record<string, Message>) => Record<string, Message> = (f) => f,
) {
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  /**
   * Shows the errors found before sending; true when there are none. `summary`, when given, is said on top of the
   * form as long as there are some.
   */
  const check = (local: Record<string, Message>, summary?: Message) => {
    const valid = Object.keys(local).length === 0;
    setErrors(local);
    setFormError(valid ? null : (summary ?? null));
    return valid;
  };

  /** Sends; a failure is shown beside the fields it names, or on top of the form. */
  const save = async (send: () => Promise<void>) => {
    setSaving(true);
    try {
      await send();
    } catch (error) {
      const result = formErrorsFrom(error, fields, overrides);
      setErrors(place(result.fields));
      setFormError(result.form);
    } finally {
      setSaving(false);
    }
  };

  return { errors, formError, saving, reset, check, save, setErrors, setFormError };
}
