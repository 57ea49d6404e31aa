import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { ConstituencyBadge, RoleBadge } from '../components/Badges';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { SummaryItem, SummaryList } from '../components/SummaryList';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  return (
    <>
      <PageHeader title={t('home.title', { name: user.displayName })} description={t('home.intro')} />
      <section className="card welcome-card" aria-labelledby="home-you">
        <h2 id="home-you">{t('home.youHeading')}</h2>
        <SummaryList>
          <SummaryItem term={t('home.role')}>
            <RoleBadge role={user.role} /> <span className="muted">{t(`roleDescription.${user.role}`)}</span>
          </SummaryItem>
          <SummaryItem term={t('home.organization')}>
            <LocalizedName value={user.organization.name} />
          </SummaryItem>
          <SummaryItem term={t('home.constituency')}>
            <ConstituencyBadge constituency={user.organization.constituency} />
          </SummaryItem>
        </SummaryList>
      </section>
      <section aria-labelledby="home-next">
        <h2 id="home-next">{t('home.nextHeading')}</h2>
        <ul className="link-cards">
          {(
            [
              ['/roundtables', 'nav.roundtables', 'home.roundtablesText'],
              ['/working-groups', 'nav.workingGroups', 'home.workingGroupsText'],
              ['/roadmaps', 'nav.roadmap', 'home.roadmapText'],
              ['/discussions', 'nav.discussions', 'home.discussionsText'],
            ] as const
          ).map(([to, titleKey, textKey]) => (
            <li key={to}>
              <Link to={to} className="link-card">
                <span className="link-card-title">{t(titleKey)}</span>
                <span className="muted">{t(textKey)}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link to="/directory" className="link-card">
              <span className="link-card-title">{t('nav.directory')}</span>
              <span className="muted">{t('home.directoryText')}</span>
            </Link>
          </li>
          {staff ? (
            <li>
              <Link to="/invitations" className="link-card">
                <span className="link-card-title">{t('nav.invitations')}</span>
                <span className="muted">{t('home.invitationsText')}</span>
              </Link>
            </li>
          ) : null}
          {user.role === 'admin' ? (
            <li>
              <Link to="/admin" className="link-card">
                <span className="link-card-title">{t('nav.admin')}</span>
                <span className="muted">{t('home.adminText')}</span>
              </Link>
            </li>
          ) : null}
        </ul>
      </section>
    </>
  );
}
