import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextTranslation } from '../api/types';
import { htmlLangOf } from '../i18n/localized';
import { languageOfText, nameFor, translationFor } from './translatedText';

/**
 * A text written in one language (a statement, a reason, a message) in the reader's language when someone translated
 * it: marked "translated by <name>" (or "machine translation"), with a toggle back to the original.
 */
export function TranslatedText({
  original,
  translations,
  render = (text) => text,
  className,
}: {
  original: string;
  translations: readonly TextTranslation[] | undefined;
  render?: (text: string) => ReactNode;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const translation = translationFor(original, translations, i18n.language);
  const [showOriginal, setShowOriginal] = useState(false);
  if (!translation) return <div className={className}>{render(original)}</div>;
  const shown = showOriginal ? original : translation.text;
  const lang = showOriginal ? languageOfText(original) : translation.lang;
  return (
    <div className={`translated-text${className ? ` ${className}` : ''}`}>
      <div lang={htmlLangOf(lang)}>{render(shown)}</div>
      <p className="translation-note muted small">
        {showOriginal ? (
          <span>{t('translations.original')}</span>
        ) : translation.machine ? (
          <span className="machine-mark">{t('translations.machine')}</span>
        ) : (
          <span>
            {t('translations.translatedBy', { name: translation.translatedBy ? nameFor(translation.translatedBy, i18n.language) : t('activity.system') })}
          </span>
        )}{' '}
        <button type="button" className="link-button" aria-pressed={showOriginal} onClick={() => setShowOriginal((o) => !o)}>
          {showOriginal ? t('translations.showTranslation') : t('translations.showOriginal')}
        </button>
      </p>
    </div>
  );
}
