import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { RoleBadge } from '../components/Badges';
import { PageHeader } from '../components/PageHeader';
import { OrganizationItems, SummaryItem, SummaryList } from '../components/SummaryList';
import { api } from '../api';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { MyChannels } from '../discussion/MyChannels';
import { useResource } from '../lib/useResource';
import { VenueTime } from '../components/VenueTime';

export default function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  return (
    <>
      <PageHeader title={t('home.title', { name: user.displayName })} description={t('home.intro')} />
      <div className="desk">
        <section className="card desk-card" aria-labelledby="desk-unread">
          <h2 id="desk-unread">{t('desk.unreadHeading')}</h2>
          <MyChannels onlyUnread headingId="desk-unread" />
        </section>
        <section className="card desk-card" aria-labelledby="desk-meetings">
          <h2 id="desk-meetings">{t('desk.meetingsHeading')}</h2>
          <NextMeetings />
        </section>
      </div>
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

/** The next meetings I take part in, at the venue's time and mine. */
function NextMeetings() {
  const { t } = useTranslation();
  const meetings = useResource(() => api.roundtables.list({ when: 'upcoming', limit: 50 }).then((page) => page.items.filter((r) => r.myRole).slice(0, 5)), []);
  if (meetings.loading && !meetings.data) return <Loading />;
  if (meetings.error) return <LoadError error={meetings.error} onRetry={meetings.reload} />;
  if (!meetings.data?.length) return <EmptyState>{t('desk.noMeetings')}</EmptyState>;
  return (
    <ul className="desk-list">
      {meetings.data.map((r) => (
        <li key={r.id}>
          <Link to={`/roundtables/${r.id}`}>
            <LocalizedName value={r.title} />
          </Link>
          <span className="muted small desk-when">
            <VenueTime start={r.startsAt} timeZone={r.timeZone} place={r.location.city} withDate />
          </span>
        </li>
      ))}
    </ul>
  );
}
