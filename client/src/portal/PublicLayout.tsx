import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SkipLink } from '../components/SkipLink';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/** The frame of the public portal: product name, language switch, a way to sign in; no sign-in needed. */
export function AuthLayoutWide({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout public-layout">
      <SkipLink />
      <header className="auth-header">
        <span className="brand-name">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')} · {t('portal.title')}
        </span>
        <span>
          <LanguageSwitch /> <Link to="/signin">{t('portal.signIn')}</Link>
        </span>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        {children}
      </main>
    </div>
  );
}
