import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';
import { INDICATOR_NAVIGATION } from '../shell/navigation';
import { SectionNav } from '../shell/NavLinks';

/** The indicators area: the catalogue, parks, reporting, importing and verifying values. */
export default function IndicatorsLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader
        title={t('indicators.areaTitle')}
        description={t('indicators.areaIntro')}
        actions={
          user.role === 'admin' ? (
            <Link to="/indicators/new" className="button">
              {t('indicators.new')}
            </Link>
          ) : null
        }
      />
      <SectionNav label={t('indicatorNav.label')} items={INDICATOR_NAVIGATION} />
      <Outlet />
    </>
  );
}
