import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { ActionItemStatusBadge, RoleBadge } from '../components/Badges';
import { PageHeader } from '../components/PageHeader';
import { OrganizationItems, SummaryItem, SummaryList } from '../components/SummaryList';
import { api } from '../api';
import type { Desk, DeskCommitment, DeskObservation } from '../api/types';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { ChannelList } from '../discussion/MyChannels';
import { formatDate, formatDateTime } from '../i18n/format';
import { PeriodText, ScopeName } from '../indicators/parts';
import { useRealtime } from '../realtime/useRealtime';
import { earlyLoad } from '../lib/earlyLoad';
import { useResource } from '../lib/useResource';
import { VenueTime } from '../components/VenueTime';

/** Counts of queues stop at 1000 on the server (DeskRepository COUNT_CAP). */
const countText = (n: number) => (n >= 1000 ? '1000+' : String(n));

/** My desk, the page's one request. */
const deskLoad = earlyLoad(() => api.desk.get());

export default function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const staff = user.role === 'admin' || user.role === 'facilitator';
  return (
    <>
      <PageHeader title={t('home.title', { name: user.displayName })} description={t('home.intro')} />
      <MyDesk>
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
      </MyDesk>
    </>
  );
}

/** A visit that opens on the home page asks for the desk as soon as it is signed in, while the app's frame renders. */
HomePage.opening = () => deskLoad.start('desk');

/**
 * My desk: what waits for me, from one request; each line opens the place to act. What follows it on the page
 * (`children`) is shown once the desk has its size, so that the desk arriving does not push it down on screen.
 */
function MyDesk({ children }: { children: ReactNode }) {
  const desk = useResource(() => deskLoad.take('desk'), []);
  const { connection } = useRealtime();
  const { reload } = desk;
  // Another device (or this one) read somewhere: the unread counts follow.
  useEffect(() => (connection ? connection.on('channel:read', () => reload()) : undefined), [connection, reload]);
  if (desk.loading && !desk.data) return <Loading />;
  return (
    <>
      {desk.error ? <LoadError error={desk.error} onRetry={reload} /> : <DeskSections desk={desk.data!} />}
      {children}
    </>
  );
}

function DeskSections({ desk }: { desk: Desk }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="desk">
      <DeskCard id="desk-meetings" title={t('desk.meetingsHeading')} count={desk.meetings.total} empty={t('desk.noMeetings')}>
        {desk.meetings.items.map((r) => (
          <li key={r.id}>
            <Link to={`/roundtables/${r.id}`}>
              <LocalizedName value={r.title} />
            </Link>
            <span className="muted small desk-when">
              <VenueTime start={r.startsAt} timeZone={r.timeZone} place={r.city} withDate />
            </span>
          </li>
        ))}
      </DeskCard>
      {desk.positionsAwaited ? (
        <DeskCard id="desk-positions" title={t('desk.positionsHeading')} count={desk.positionsAwaited.total} empty={t('desk.noPositions')}>
          {desk.positionsAwaited.items.map((c) => (
            <CommitmentLine key={c.id} commitment={c} />
          ))}
        </DeskCard>
      ) : null}
      {desk.toVerify ? (
        <DeskCard
          id="desk-verify"
          title={t('desk.verifyHeading')}
          count={desk.toVerify.total}
          empty={t('desk.noVerify')}
          more={desk.toVerify.total > desk.toVerify.items.length ? { to: '/indicators/verification', label: t('desk.allToVerify') } : undefined}
        >
          {desk.toVerify.items.map((o) => (
            <ObservationLine key={o.id} observation={o} note={t('desk.reportedOn', { date: formatDateTime(o.reportedAt, lang) })} />
          ))}
        </DeskCard>
      ) : null}
      {desk.followUp ? (
        <DeskCard
          id="desk-follow-up"
          title={t('desk.followUpHeading')}
          count={desk.followUp.total}
          empty={t('desk.noFollowUp')}
          more={desk.followUp.total ? { to: '/indicators/follow-up', label: t('desk.allFollowUp') } : undefined}
        >
          {desk.followUp.items.map((o) => (
            <ObservationLine key={o.id} observation={o} note={t('desk.flagged')} />
          ))}
        </DeskCard>
      ) : null}
      {desk.approvals ? (
        <DeskCard id="desk-approvals" title={t('desk.approvalsHeading')} count={desk.approvals.total} empty={t('desk.noApprovals')}>
          {desk.approvals.items.map((a) => (
            <li key={a.id}>
              <Link to={`/parks/${a.park.id}`}>
                <LocalizedName value={a.park.name} /> · <PeriodText period={a.period} />
              </Link>
              <span className="muted small">{t(`desk.awaiting.${a.awaiting}`)}</span>
            </li>
          ))}
        </DeskCard>
      ) : null}
      {desk.toCorrect ? (
        <DeskCard id="desk-correct" title={t('desk.correctHeading')} count={desk.toCorrect.total} empty={t('desk.noCorrect')}>
          {desk.toCorrect.items.map((o) => (
            <ObservationLine
              key={o.id}
              observation={o}
              note={o.rejectionReason ? t('desk.rejectedBecause', { reason: o.rejectionReason }) : t('desk.rejected')}
            />
          ))}
        </DeskCard>
      ) : null}
      {desk.reportsDue ? (
        <DeskCard id="desk-reports" title={t('desk.reportsHeading')} count={desk.reportsDue.total} empty={t('desk.noReports')}>
          {desk.reportsDue.items.map((r) => (
            <li key={`${r.indicator.id}|${r.park.id}|${r.period}`}>
              <Link to={`/indicators/report?indicator=${r.indicator.id}&scopeType=park&scope=${r.park.id}&period=${encodeURIComponent(r.period)}`}>
                <code>{r.indicator.code}</code> <LocalizedName value={r.indicator.name} /> · <PeriodText period={r.period} />
              </Link>
              <span className="muted small">
                <LocalizedName value={r.park.name} /> ·{' '}
                {r.overdue ? (
                  <span className="badge overdue">{t('desk.overdueSince', { date: formatDate(r.due, lang) })}</span>
                ) : (
                  t('desk.dueOn', { date: formatDate(r.due, lang) })
                )}
              </span>
            </li>
          ))}
        </DeskCard>
      ) : null}
      <section className="card desk-card" aria-labelledby="desk-unread">
        <h2 id="desk-unread">
          {t('desk.unreadHeading')} <span className="desk-count">({desk.unread.channels})</span>
        </h2>
        {desk.unread.mentions ? <p className="small">{t('desk.mentions', { count: desk.unread.mentions })}</p> : null}
        {desk.unread.items.length ? <ChannelList channels={desk.unread.items} headingId="desk-unread" /> : <EmptyState>{t('channels.allRead')}</EmptyState>}
      </section>
      {desk.overdueCommitments ? (
        <DeskCard id="desk-overdue" title={t('desk.overdueHeading')} count={desk.overdueCommitments.total} empty={t('desk.noOverdue')}>
          {desk.overdueCommitments.items.map((c) => (
            <CommitmentLine key={c.id} commitment={c} overdue />
          ))}
        </DeskCard>
      ) : null}
    </div>
  );
}

/** A section of the desk: its heading counts everything, its list shows the first few. */
function DeskCard({
  id,
  title,
  count,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section className="card desk-card" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="desk-count">({countText(count)})</span>
      </h2>
      {count ? (
        <ul className="desk-list" aria-labelledby={id}>
          {children}
        </ul>
      ) : (
        <EmptyState>{empty}</EmptyState>
      )}
      {more ? (
        <p className="small">
          <Link to={more.to}>{more.label}</Link>
        </p>
      ) : null}
    </section>
  );
}

function CommitmentLine({ commitment: c, overdue = false }: { commitment: DeskCommitment; overdue?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <Link to={`/action-items/${c.id}`}>
        <LocalizedName value={c.title} />
      </Link>
      <span className="muted small">
        <ActionItemStatusBadge status={c.status} />
        {c.dueDate ? ` ${t(overdue ? 'desk.overdueSince' : 'desk.dueOn', { date: formatDate(c.dueDate, i18n.language) })}` : ''}
      </span>
    </li>
  );
}

function ObservationLine({ observation: o, note }: { observation: DeskObservation; note: string }) {
  return (
    <li>
      <Link to={`/observations/${o.id}`}>
        <code>{o.indicator.code}</code> <LocalizedName value={o.indicator.name} /> · <PeriodText period={o.period} />
      </Link>
      <span className="muted small">
        <ScopeName scope={o.scope} /> · {note}
      </span>
    </li>
  );
}
