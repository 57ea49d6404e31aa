import { useTranslation } from 'react-i18next';

/** The first link of every page: to its main content, past the header (shown when focused). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('shell.skipToContent')}
    </a>
  );
}
