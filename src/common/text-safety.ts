import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import removeConfusables from 'confusables';

/** Bidirectional embedding, override and isolate controls: they can make text read in another order than it is. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Characters that draw nothing on their own: zero-width spaces and joiners, direction marks and controls, invisible
 * fillers, combining marks and variation selectors, tags. A name made of these (and spaces) alone shows as blank.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Mn}\p{Me}\u00AD\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** Removes the bidirectional controls, so text reads in the order it is written. */
export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, '');

/** Whether anything visible is left once invisible characters and spaces are taken away. */
export const hasVisibleText = (text: string) => text.replace(INVISIBLE, '').length > 0;

/**
 * What a name looks like, for telling whether two names would be taken for one another: NFKC-normalised (full-width
 * and styled letters become plain), invisible characters and spaces dropped, lookalike letters from other scripts
 * replaced by the Latin ones they imitate, case folded.
 */
export function nameSkeleton(name: string): string {
  const plain = name.normalize('NFKC').replace(INVISIBLE, '');
  return removeConfusables(plain).normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
}

/** A display name as it is stored: bidirectional controls removed, spaces trimmed (invisible edges too). */
export const cleanDisplayName = (value: string) =>
  withoutBidiControls(value)
    .normalize('NFC')
    .replace(/^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu, '');

/** DTO decorator: cleans a display name before it is validated (trim, no bidirectional controls). */
export const CleanDisplayName = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanDisplayName(value) : value));

/** DTO decorator: the text must show something (not blank, not only invisible characters). */
export function HasVisibleText(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'hasVisibleText',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be blank`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && hasVisibleText(value) },
    });
}
