import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { ADMIN_NAVIGATION } from '../shell/navigation';
import { NavLinks } from '../shell/NavLinks';

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="admin-area">
      <nav className="tabs" aria-label={t('adminNav.label')}>
        <ul>
          <NavLinks items={ADMIN_NAVIGATION} />
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
