import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more); below that a password is refused. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
/** Built on first use: the common-password dictionaries take a moment to load. */
const zxcvbn = () => (checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why a new password is refused, or null: one of the common passwords, a repetition or sequence ("aaaaaaaaaaaa",
 * "abcabcabcabc", "qwertyuiop12"), or built from the person's own email or name. The estimate comes from zxcvbn-ts
 * with its common-password lists.
 */
export function weakPasswordProblem(field: string, password: string, person: { email: string; displayName?: string }): string | null {
  const local = person.email.split('@')[0] ?? '';
  const own = [person.email, local, person.displayName ?? ''].map(letters).filter((part) => part.length >= 4);
  const plain = letters(password);
  const weak = own.some((part) => plain.includes(part)) || zxcvbn().check(password, [person.email, local, ...own]).score < MIN_SCORE;
  return weak ? `${field} is too easy to guess: avoid common passwords, repeated or sequential characters, and your email or name` : null;
}
