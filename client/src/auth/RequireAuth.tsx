import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { ErrorAlert, Loading } from '../components/Feedback';
import { useAuth } from './AuthContext';
import { ForbiddenPage } from '../pages/ForbiddenPage';

/** Renders children for a signed-in user (with one of `roles`, when given); otherwise sends them to sign in. */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { status, user, retry } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <main id="main" className="centered-page">
        <Loading />
      </main>
    );
  }
  if (status === 'unreachable') {
    return (
      <main id="main" className="centered-page">
        <ErrorAlert>
          <p>{t('errors.network')}</p>
          <button type="button" className="button" onClick={retry}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      </main>
    );
  }
  if (!user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/signin" replace state={{ from }} />;
  }
  if (roles && !roles.includes(user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
