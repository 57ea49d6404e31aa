import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';
import { htmlLangOf, localized } from '../i18n/localized';

/** User-written { en, zh } text in the reader's language, or the other one marked "(English)" / "(中文)". */
export function LocalizedName({ value }: { value: LocalizedText | null | undefined }) {
  const { t, i18n } = useTranslation();
  const result = localized(value, i18n.language);
  if (!result.language) return <span className="muted">{t('common.untitled')}</span>;
  if (!result.fallback) return <>{result.text}</>;
  return (
    <>
      <span lang={htmlLangOf(result.language)}>{result.text}</span>{' '}
      <span className="fallback-tag">{result.language === 'en' ? t('localized.inEnglish') : t('localized.inChinese')}</span>
    </>
  );
}

/** Plain-text form for <option>s and aria-labels: "Name" or "Name (English)" when it is the fallback language. */
export function useLocalizedLabel(): (value: LocalizedText | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value) => {
      const result = localized(value, i18n.language);
      if (!result.language) return t('common.untitled');
      if (!result.fallback) return result.text;
      return `${result.text} ${result.language === 'en' ? t('localized.inEnglish') : t('localized.inChinese')}`;
    },
    [t, i18n.language],
  );
}
