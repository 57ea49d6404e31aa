import type { TextTranslation } from '../api/types';
import { contentLanguageOf, type ContentLanguage } from '../i18n/localized';

/** A free text is taken as Chinese when it has Chinese characters (as the server's queue tells it), else English. */
export const languageOfText = (text: string): ContentLanguage => (/[\u3400-\u9fff]/.test(text) ? 'zh' : 'en');

/**
 * The translation a reader of `locale` is shown instead of the original at first: one in their language, when the
 * original was written in the other one. Null: the original is shown (it is in their language, or none exists).
 */
export function translationFor(original: string, translations: readonly TextTranslation[] | undefined, locale: string): TextTranslation | null {
  const reader = contentLanguageOf(locale);
  if (!original || languageOfText(original) === reader) return null;
  return translations?.find((t) => t.lang === reader) ?? null;
}

/** The name a person is shown by: the Chinese form for a Chinese reader when they gave one. */
export const nameFor = (person: { displayName: string; nameZh?: string | null }, locale: string): string =>
  contentLanguageOf(locale) === 'zh' && person.nameZh ? person.nameZh : person.displayName;
