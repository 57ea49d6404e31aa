import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { ADMIN_NAVIGATION, navigationFor } from '../shell/navigation';

export default function AdminLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <div className="admin-area">
      <nav className="tabs" aria-label={t('adminNav.label')}>
        <ul>
          {navigationFor(user.role, ADMIN_NAVIGATION).map((item) => (
            <li key={item.path}>
              <NavLink to={item.path}>{t(item.labelKey)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
