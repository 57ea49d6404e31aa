import type { Locale, LocalizedText } from '../api/types';

/** The languages user-written text can be in (keys of a LocalizedText). */
export type ContentLanguage = 'en' | 'zh';

export const contentLanguageOf = (locale: string): ContentLanguage => (locale.toLowerCase().startsWith('zh') ? 'zh' : 'en');

/** The HTML lang of text in a content language. */
export const htmlLangOf = (language: ContentLanguage): Locale => (language === 'zh' ? 'zh-CN' : 'en');

export interface LocalizedResult {
  text: string;
  /** The language the text is in; null when neither language was given. */
  language: ContentLanguage | null;
  /** True when the reader's language was missing and the other language is shown instead. */
  fallback: boolean;
}

const given = (text: string | undefined): text is string => typeof text === 'string' && text.trim().length > 0;

/** Picks the reader's language from a { en, zh } text, or falls back to the other one, flagged so the UI can mark it. */
export function localized(value: LocalizedText | null | undefined, locale: string): LocalizedResult {
  const wanted = contentLanguageOf(locale);
  const other: ContentLanguage = wanted === 'en' ? 'zh' : 'en';
  if (value && given(value[wanted])) return { text: value[wanted].trim(), language: wanted, fallback: false };
  if (value && given(value[other])) return { text: value[other].trim(), language: other, fallback: true };
  return { text: '', language: null, fallback: false };
}

/** Plain text for sorting, option labels and aria-labels, where no fallback tag can be shown. */
export const localizedString = (value: LocalizedText | null | undefined, locale: string): string => localized(value, locale).text;
