import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { ADMIN_NAVIGATION } from '../shell/navigation';
import { SectionNav } from '../shell/NavLinks';

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="admin-area">
      <SectionNav label={t('adminNav.label')} items={ADMIN_NAVIGATION} />
      <Outlet />
    </div>
  );
}
