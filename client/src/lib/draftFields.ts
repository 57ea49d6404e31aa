import type { Message } from './message';

/**
 * Binds the fields of a form's draft: `field('city')` gives a control the draft's value, the change that writes it
 * back into the draft, and the field's error message.
 */
export function draftFields<D extends object>(
  draft: D,
  setDraft: (draft: D) => void,
  errors: Record<string, Message>,
  msg: (m: Message | null | undefined) => string | undefined,
) {
  return <K extends keyof D & string>(name: K) => ({
    value: draft[name],
    onChange: (value: D[K]) => setDraft({ ...draft, [name]: value }),
    error: msg(errors[name]),
  });
}
