import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** Text that users write in two languages: at least one of them given. Stored as jsonb. */
export class LocalizedText {
  /** @example "Green jobs roundtable" */
  en?: string;

  /** @example "绿色就业圆桌会议" */
  zh?: string;
}

const LANGS = ['en', 'zh'];

export function localizedTextProblem(value: unknown, maxLength: number, required: boolean): string | null {
  if (value === undefined) return required ? 'is required' : null;
  // Optional text is cleared with {} (or blank languages), not null, which the contract does not allow.
  if (value === null) return required ? 'is required' : 'must be an object { en, zh }; send {} to clear it';
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be an object { en, zh }';
  const entries = Object.entries(value as Record<string, unknown>);
  const unknownKey = entries.find(([k]) => !LANGS.includes(k));
  if (unknownKey) return `has an unknown language "${unknownKey[0]}" (use en and zh)`;
  for (const [lang, text] of entries) {
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string') return `${lang} must be a string`;
    if (text.length > maxLength) return `${lang} must be at most ${maxLength} characters`;
  }
  const given = entries.filter(([, t]) => typeof t === 'string' && t.trim().length > 0);
  if (required && given.length === 0) return 'needs text in at least one language (en or zh)';
  return null;
}

/** Validates a { en, zh } object with at least one language filled in. */
export function IsLocalizedText(options: { maxLength?: number; required?: boolean } = {}, validation?: ValidationOptions) {
  const maxLength = options.maxLength ?? 500;
  const required = options.required ?? true;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalizedText',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => localizedTextProblem(value, maxLength, required) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${localizedTextProblem(args.value, maxLength, required)}`,
      },
    });
}

/** Keeps only the given, trimmed languages. */
export function cleanLocalizedText(value: LocalizedText | undefined | null): LocalizedText {
  const out: LocalizedText = {};
  if (value?.en?.trim()) out.en = value.en.trim();
  if (value?.zh?.trim()) out.zh = value.zh.trim();
  return out;
}
