import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';
import { INDICATOR_NAVIGATION, navigationFor } from '../shell/navigation';

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
      <nav className="tabs" aria-label={t('indicatorNav.label')}>
        <ul>
          {navigationFor(user.role, INDICATOR_NAVIGATION).map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.end}>
                {t(item.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
