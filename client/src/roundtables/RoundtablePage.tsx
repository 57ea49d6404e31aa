import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Roundtable, RoundtableStatus } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { RoundtableRoleBadge, RoundtableStatusBadge } from '../components/Badges';
import { BalanceWarning } from '../components/BalanceWarning';
import { LoadError, Loading, Notice } from '../components/Feedback';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { PageTabs } from '../components/PageTabs';
import { BalanceCard, HistorySection, RecordDiscussion, ResourceView, StatusBar, statusMove } from '../components/RecordSections';
import { DiscussionPanelPart } from '../discussion/LazyDiscussionPanel';
import type { StatusMove } from '../components/StatusMoves';
import { localized } from '../i18n/localized';
import { saveBlob } from '../lib/download';
import { message } from '../lib/message';
import { useArrivalNotice } from '../lib/useArrivalNotice';
import { usePageTab } from '../lib/usePageTab';
import { earlyLoad, openingOf } from '../lib/earlyLoad';
import { lazyPart, preparing } from '../lib/lazyPage';
import { useResource } from '../lib/useResource';
import { useRealtime } from '../realtime/useRealtime';
import { RecordDownloads } from './RecordDownloads';
import { VenueTime } from '../components/VenueTime';
import { roundtableMoves } from './status';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { useWording } from '../lib/useWording';
import { DocumentsPanel } from '../documents/DocumentsPanel';

const TABS = ['overview', 'agenda', 'participants', 'decisions', 'votes', 'speakers', 'caucuses', 'discussion', 'history'] as const;

/**
 * The tabs after the overview, each fetched when first shown, or as soon as the reader points at its tab: a visit
 * opens on the overview, and its script and data come sooner without them (on a phone network every kilobyte of
 * script before the first paint counts).
 */
const AgendaSection = lazyPart(() => import('./AgendaSection').then((m) => m.AgendaSection));
const ParticipantsSection = lazyPart(() => import('./ParticipantsSection').then((m) => m.ParticipantsSection));
const DecisionsSection = lazyPart(() => import('./DecisionsSection').then((m) => m.DecisionsSection));
const VotesSection = lazyPart(() => import('./VotesSection').then((m) => m.VotesSection));
const SpeakerQueueSection = lazyPart(() => import('./SpeakerQueueSection').then((m) => m.SpeakerQueueSection));
const CaucusesSection = lazyPart(() => import('./CaucusesSection').then((m) => m.CaucusesSection));

/** What each tab shows beyond the page itself, started when the reader points at the tab (PageTabs). */
const tabParts: Partial<Record<(typeof TABS)[number], () => void>> = {
  agenda: preparing(AgendaSection),
  participants: preparing(ParticipantsSection),
  decisions: preparing(DecisionsSection),
  votes: preparing(VotesSection),
  speakers: preparing(SpeakerQueueSection),
  caucuses: preparing(CaucusesSection, DiscussionPanelPart),
  discussion: preparing(DiscussionPanelPart),
};

/** What the page shows first: the roundtable, its participants and the balance of the groups. */
const firstLoads = {
  roundtable: earlyLoad((id) => api.roundtables.get(id)),
  participants: earlyLoad((id) => api.roundtables.participants(id).then((r) => r.items)),
  balance: earlyLoad((id) => api.roundtables.balance(id)),
};

export const opening = openingOf(...Object.values(firstLoads));

export default function RoundtablePage() {
  const { id = '' } = useParams();
  const { t, i18n, msg, label } = useWording();
  const user = useCurrentUser();
  const tab = usePageTab(TABS);
  const roundtable = useResource(() => firstLoads.roundtable.take(id), [id]);
  const participants = useResource(() => firstLoads.participants.take(id), [id]);
  const [balanceVersion, setBalanceVersion] = useState(0);
  const balance = useResource(() => firstLoads.balance.take(id), [id, balanceVersion]);
  const [notice, setNotice] = useArrivalNotice({ created: 'roundtables.created', saved: 'roundtables.saved' });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const { connection } = useRealtime();
  // Printing shows the whole record: every tab's content at once (the discussion excepted), without controls.
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const printRecord = () => {
    flushSync(() => setPrinting(true));
    // The printed sections' scripts (fetched now unless one of their tabs was shown or pointed at), their content, then
    // the print dialog.
    void Promise.allSettled([AgendaSection, ParticipantsSection, DecisionsSection].map((part) => part.preload())).then(() =>
      window.setTimeout(() => window.print(), 800),
    );
  };

  const reloadPeople = useCallback(() => {
    participants.reload();
    roundtable.reload();
    setBalanceVersion((v) => v + 1);
  }, [participants.reload, roundtable.reload]);

  // Other facilitators' changes, when the server pushes them.
  useEffect(() => {
    if (!connection) return;
    return connection.on('roundtable:changed', (event) => {
      if (event.id === id) reloadPeople();
    });
  }, [connection, id, reloadPeople]);

  const names = useMemo(() => new Map((participants.data ?? []).map((p) => [p.userId, p.displayName])), [participants.data]);
  const attendanceRecorded = (participants.data ?? []).some((p) => p.role !== 'observer' && p.attended !== null);

  if (roundtable.error) return <LoadError error={roundtable.error} onRetry={roundtable.reload} />;
  if (!roundtable.data) return <Loading />;
  const r: Roundtable = roundtable.data;
  const title = label(r.title);
  const description = localized(r.description, i18n.language);

  const moves: StatusMove<RoundtableStatus>[] = r.canManage
    ? roundtableMoves(r.status, user.role).map((m) => ({
        to: m.to,
        label: m.reopen ? t('roundtables.move.reopen') : t(`roundtables.move.${m.to}`),
        reason: m.reopen ? 'required' : 'optional',
        danger: m.to === 'concluded',
      }))
    : [];

  const downloadCalendar = async () => {
    setDownloadError(null);
    try {
      const { blob, filename } = await api.roundtables.calendar(r.id, i18n.language);
      saveBlob(blob, filename ?? `roundtable-${r.id}.ics`);
    } catch (e) {
      setDownloadError(e);
    }
  };

  return (
    <>
      <Breadcrumb to="/roundtables" label={t('roundtables.title')} />
      <PageHeader
        title={title}
        description={
          <span className="header-meta">
            <RoundtableStatusBadge status={r.status} />
            <VenueTime start={r.startsAt} end={r.endsAt} timeZone={r.timeZone} place={r.location.city} withDate />
          </span>
        }
        actions={
          <>
            <button type="button" className="button button--secondary" onClick={() => void downloadCalendar()}>
              {t('roundtables.calendar')}
            </button>
            {r.canManage ? (
              <Link to={`/roundtables/${r.id}/edit`} className="button button--secondary">
                {t('common.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      <RecordDownloads roundtable={r} onPrint={printRecord} />
      <div aria-live="polite">
        {notice ? <Notice>{msg(notice)}</Notice> : null}
        {downloadError ? <LoadError error={downloadError} /> : null}
      </div>
      <StatusBar
        moves={moves}
        statusName={(s) => t(`roundtableStatus.${s}`)}
        onMove={statusMove(
          roundtable,
          (to, reason) => api.roundtables.changeStatus(r.id, to, reason),
          (updated) => setNotice(message('roundtables.statusChanged', { status: t(`roundtableStatus.${updated.status}`) })),
        )}
        onConflict={roundtable.reload}
      />
      {r.canManage && balance.data ? <BalanceWarning balance={balance.data} attendanceRecorded={attendanceRecorded} /> : null}
      <PageTabs
        label={t('roundtables.sections')}
        current={tab}
        tabs={TABS.map((key) => ({
          key,
          label: t(`roundtables.tab.${key}`),
          extra: key === 'participants' ? t('common.count', { count: r.participantCounts.total }) : undefined,
          prepare: tabParts[key],
        }))}
      />

      {tab === 'overview' || printing ? (
        <div className="two-columns">
          <section className="card" aria-labelledby="rt-details">
            <h2 id="rt-details">{t('roundtables.details')}</h2>
            <SummaryList>
              <SummaryItem term={t('roundtables.when.label')}>
                <span className="block">
                  <VenueTime start={r.startsAt} timeZone={r.timeZone} place={r.location.city} withDate />
                </span>
                <span className="block">
                  <VenueTime start={r.endsAt} timeZone={r.timeZone} place={r.location.city} withDate />
                </span>
              </SummaryItem>
              <SummaryItem term={t('record.timeZone')}>{r.timeZone}</SummaryItem>
              <SummaryItem term={t('roundtables.location')}>
                {[r.location.venue, r.location.city].filter(Boolean).join(', ') ||
                  (r.location.online ? null : <span className="muted">{t('common.none')}</span>)}
                {r.location.online ? (
                  <span className="block">
                    {t('roundtables.online')}
                    {r.location.url ? (
                      <>
                        {t('common.colon')}
                        <a href={r.location.url} target="_blank" rel="noopener noreferrer">
                          {r.location.url}
                        </a>
                      </>
                    ) : null}
                  </span>
                ) : null}
              </SummaryItem>
              <SummaryItem term={t('roundtables.visibility')}>{t(`visibility.${r.visibility}`)}</SummaryItem>
              <SummaryItem term={t('roundtables.yourRole')}>
                {r.myRole ? <RoundtableRoleBadge role={r.myRole} /> : <span className="muted">{t('roundtables.notTakingPart')}</span>}
              </SummaryItem>
              <SummaryItem term={t('roundtables.createdBy')}>{r.createdBy?.displayName ?? <span className="muted">{t('common.none')}</span>}</SummaryItem>
            </SummaryList>
            <h3>{t('roundtables.description')}</h3>
            {description.text ? (
              <p className="prewrap" lang={description.fallback && description.language ? (description.language === 'zh' ? 'zh-CN' : 'en') : undefined}>
                {description.text}
              </p>
            ) : (
              <p className="muted">{t('roundtables.noDescription')}</p>
            )}
          </section>
          <BalanceCard
            id="rt-balance"
            balance={balance}
            chartTitle={t('balance.chartTitle')}
            basis={attendanceRecorded ? t('balance.basisAttending') : t('balance.basisInvited')}
          />
        </div>
      ) : null}

      {tab === 'overview' ? <DocumentsPanel targetType="roundtable" targetId={r.id} /> : null}

      <Suspense fallback={<Loading />}>
        {tab === 'agenda' || printing ? <AgendaSection roundtable={r} participants={participants.data ?? []} /> : null}

        {tab === 'participants' || printing ? (
          <ResourceView resource={participants}>
            {(list) => (
              <ParticipantsSection
                roundtable={r}
                participants={list}
                balance={balance.data ?? null}
                onChanged={reloadPeople}
                setParticipants={(update) => participants.setData((current) => update(current ?? []))}
              />
            )}
          </ResourceView>
        ) : null}

        {tab === 'decisions' || printing ? <DecisionsSection roundtable={r} /> : null}

        {tab === 'votes' && !printing ? <VotesSection roundtable={r} /> : null}

        {tab === 'speakers' && !printing ? <SpeakerQueueSection roundtable={r} balance={balance.data ?? null} /> : null}

        {tab === 'caucuses' && !printing ? <CaucusesSection roundtable={r} /> : null}

        {tab === 'discussion' && !printing ? <RecordDiscussion kind="roundtable" refId={r.id} people={participants.data} /> : null}

        {tab === 'history' || printing ? (
          <HistorySection id="rt-history" loader={(cursor) => api.roundtables.history(r.id, cursor)} names={names} version={r.updatedAt} />
        ) : null}
      </Suspense>
      {roundtable.loading ? <span className="visually-hidden">{t('common.loading')}</span> : null}
      {!r.canManage && r.myRole === null && r.visibility === 'platform' ? <p className="muted small">{t('roundtables.readOnlyHint')}</p> : null}
    </>
  );
}
