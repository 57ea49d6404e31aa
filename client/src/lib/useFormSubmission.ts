import { useState } from 'react';
import type { MessageKey } from '../api/errors';
import { formErrorsFrom } from './formErrors';
import type { Message } from './message';

/** The errors and the saving state of a form that checks its fields, then sends them. */
export function useFormSubmission(fields: readonly string[], overrides?: Partial<Record<number, MessageKey>>) {
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  /** Shows the errors found before sending; true when there are none. */
  const check = (local: Record<string, Message>) => {
    setErrors(local);
    setFormError(null);
    return Object.keys(local).length === 0;
  };

  /** Sends; a failure is shown beside the fields it names, or on top of the form. */
  const save = async (send: () => Promise<void>) => {
    setSaving(true);
    try {
      await send();
    } catch (error) {
      const result = formErrorsFrom(error, fields, overrides);
      setErrors(result.fields);
      setFormError(result.form);
    } finally {
      setSaving(false);
    }
  };

  return { errors, formError, saving, reset, check, save };
}
