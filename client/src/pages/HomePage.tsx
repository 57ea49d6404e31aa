import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { RoleBadge } from '../components/Badges';
import { PageHeader } from '../components/PageHeader';
import { OrganizationItems, SummaryItem, SummaryList } from '../components/SummaryList';

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
          <OrganizationItems organization={user.organization} labels={{ organization: t('home.organization'), constituency: t('home.constituency') }} />
        </SummaryList>
      </section>
      <section aria-labelledby="home-next">
        <h2 id="home-next">{t('home.nextHeading')}</h2>
        <ul className="link-cards">
          {(
            [
              ['/roundtables', 'nav.roundtables', 'home.roundtablesText', true],
              ['/working-groups', 'nav.workingGroups', 'home.workingGroupsText', true],
              ['/roadmaps', 'nav.roadmap', 'home.roadmapText', true],
              ['/discussions', 'nav.discussions', 'home.discussionsText', true],
              ['/directory', 'nav.directory', 'home.directoryText', true],
              ['/invitations', 'nav.invitations', 'home.invitationsText', staff],
              ['/admin', 'nav.admin', 'home.adminText', user.role === 'admin'],
            ] as const
          )
            .filter(([, , , shown]) => shown)
            .map(([to, titleKey, textKey]) => (
              <li key={to}>
                <Link to={to} className="link-card">
                  <span className="link-card-title">{t(titleKey)}</span>
                  <span className="muted">{t(textKey)}</span>
                </Link>
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}
