import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SkipLink } from '../components/SkipLink';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/** The frame of the pages seen before signing in: product name, language switch, one centred card. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <SkipLink />
      <header className="auth-header">
        <span className="brand-name">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        {children}
        <p className="auth-footer small">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
