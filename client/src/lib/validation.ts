import { message, type Message } from './message';

/** The fields' problems found before sending, leaving out the fields that have none. */
export function problems(found: Record<string, Message | undefined>): Record<string, Message> {
  return Object.fromEntries(Object.entries(found).filter((entry): entry is [string, Message] => entry[1] !== undefined));
}

/** A required field left empty. */
export const requiredProblem = (value: string): Message | undefined => (value ? undefined : message('errors.field.required'));

/** A required e-mail address: missing, or not shaped like one. */
export function emailProblem(value: string): Message | undefined {
  const email = value.trim();
  return requiredProblem(email) ?? (/^\S+@\S+\.\S+$/.test(email) ? undefined : message('errors.field.email'));
}
