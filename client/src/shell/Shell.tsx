import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SkipLink } from '../components/SkipLink';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/Feedback';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { NAVIGATION } from './navigation';
import { UserMenu } from './UserMenu';
import { NavLinks } from './NavLinks';

/** The frame of every signed-in page: skip link, header with navigation and user menu, main content. */
export function Shell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  // After moving to another page, start reading from its content rather than from the top of the header.
  // (Compared with the path shown before, not "skip the first run": StrictMode runs effects twice in development.)
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <div className="shell">
      <SkipLink />
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand-name">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </Link>
          <nav className="primary-nav" aria-label={t('shell.primaryNavigation')}>
            <ul>
              <NavLinks items={NAVIGATION} />
            </ul>
          </nav>
          <div className="header-tools">
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer small">{t('app.tagline')}</footer>
    </div>
  );
}
