import { useCallback, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { ActionItem, ActionItemStatus } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ActionItemStatusBadge, CompletionBadge, ConsensusBadge, ConstituencyBadge, OverdueBadge, PriorityBadge } from '../components/Badges';
import { ProgressBar } from '../components/Charts';
import { LoadError, Loading, Notice } from '../components/Feedback';
import { HistoryList } from '../components/HistoryList';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { PageTabs } from '../components/PageTabs';
import { StatusMoves, type StatusMove } from '../components/StatusMoves';
import { DiscussionPanel, DiscussionPanelPart } from '../discussion/LazyDiscussionPanel';
import { formatDate, formatDateTime } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { message, type Message } from '../lib/message';
import { preparing } from '../lib/lazyPage';
import { useResource } from '../lib/useResource';
import { needsReason } from './boardLogic';
import { CommitmentVotesSection } from './CommitmentVotesSection';
import { IndicatorLinksSection } from './IndicatorLinksSection';
import { MilestonesSection } from './MilestonesSection';
import { PositionsSection } from './PositionsSection';
import { useLiveActionItem } from './useLiveActionItems';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { useWording } from '../lib/useWording';
import { statusMove } from '../components/RecordSections';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { TranslatedText } from '../translations/TranslatedText';
import { useTranslationUpdates } from '../translations/useTranslationUpdates';

const TABS = ['overview', 'votes', 'discussion', 'history'] as const;
type Tab = (typeof TABS)[number];

export default function ActionItemPage() {
  const { id = '' } = useParams();
  const { t, i18n, msg, label } = useWording();
  const location = useLocation();
  const [params] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const item = useResource(() => api.actionItems.get(id), [id]);
  const roadmapId = item.data?.roadmapId;
  const roadmap = useResource(() => (roadmapId ? api.roadmaps.get(roadmapId) : Promise.resolve(null)), [roadmapId]);
  const [notice, setNotice] = useState<Message | null>(
    (location.state as { notice?: string } | null)?.notice === 'created'
      ? message('actionItem.created')
      : (location.state as { notice?: string } | null)?.notice === 'saved'
        ? message('actionItem.saved')
        : null,
  );
  const user = useCurrentUser();
  const [liveNote, setLiveNote] = useState('');
  const current = useRef(item.data);
  current.current = item.data;

  // A statement or the status reason was translated: read the item again (translations come with it).
  useTranslationUpdates(
    id,
    useCallback(() => {
      api.actionItems
        .get(id)
        .then((fresh) => item.setData(() => fresh))
        .catch(() => undefined);
    }, [id, item.setData]),
  );

  // Someone else moved it or stated a position: update in place, and say so.
  const applyLive = useCallback(
    (changed: ActionItem, by: string | undefined) => {
      const before = current.current;
      item.setData((d) => (d ? { ...d, ...changed } : d));
      // The reader's own change (its event may come before their response) is confirmed where they made it.
      if (by !== user.id && before && (before.status !== changed.status || before.consensus !== changed.consensus)) {
        setLiveNote(t('actionItem.liveChanged', { status: t(`actionItemStatus.${changed.status}`), consensus: t(`consensus.${changed.consensus}`) }));
      }
    },
    [item.setData, t, user.id],
  );
  // Once following it (and again after a reconnection), what changed before then is read afresh.
  useLiveActionItem(
    id,
    applyLive,
    useCallback(() => api.actionItems.get(id), [id]),
  );

  if (item.error) return <LoadError error={item.error} onRetry={item.reload} />;
  if (!item.data) return <Loading />;
  const a = item.data;
  const description = localized(a.description, i18n.language);

  const moves: StatusMove<ActionItemStatus>[] = a.can.changeStatus
    ? a.allowedTransitions.map((to) => ({
        to,
        label: t(`board.moveTo.${to}`),
        reason: needsReason(to) ? 'required' : 'none',
        danger: to === 'dropped',
      }))
    : [];

  return (
    <>
      <Breadcrumb to="/roadmaps" label={t('roadmaps.title')}>
        {roadmap.data ? (
          <>
            {' / '}
            <Link to={`/roadmaps/${roadmap.data.id}`}>
              <LocalizedName value={roadmap.data.title} />
            </Link>
          </>
        ) : null}
      </Breadcrumb>
      <PageHeader
        title={label(a.title)}
        description={
          <span className="header-meta" aria-live="polite">
            <ActionItemStatusBadge status={a.status} />
            <ConsensusBadge consensus={a.consensus} withLabel />
            {a.overdue ? <OverdueBadge /> : null}
          </span>
        }
        actions={
          a.can.edit ? (
            <Link to={`/action-items/${a.id}/edit`} className="button button--secondary">
              {t('common.edit')}
            </Link>
          ) : null
        }
      />
      <div aria-live="polite">
        {notice ? <Notice>{msg(notice)}</Notice> : null}
        {liveNote ? <Notice>{liveNote}</Notice> : null}
      </div>
      {a.statusReason ? (
        <div className="status-reason">
          <strong>
            {t('actionItem.statusReason')}
            {t('common.colon')}
          </strong>
          <TranslatedText original={a.statusReason} translations={a.statusReasonTranslations} />
        </div>
      ) : null}
      {moves.length ? (
        <div className="status-bar">
          <span className="muted small">{t('actionItem.moveTo')}</span>
          <StatusMoves
            moves={moves}
            statusName={(s) => t(`actionItemStatus.${s}`)}
            onMove={statusMove(
              item,
              (to, reason) => api.actionItems.changeStatus(a.id, to, reason),
              (updated) => {
                setLiveNote('');
                setNotice(message('actionItem.statusChanged', { status: t(`actionItemStatus.${updated.status}`) }));
              },
            )}
            onConflict={item.reload}
          />
        </div>
      ) : null}
      <PageTabs
        label={t('actionItem.sections')}
        current={tab}
        tabs={TABS.map((key) => ({ key, label: t(`actionItem.tab.${key}`), prepare: key === 'discussion' ? preparing(DiscussionPanelPart) : undefined }))}
      />

      {tab === 'overview' ? (
        <>
          <div className="two-columns">
            <section className="card" aria-labelledby="ai-details">
              <h2 id="ai-details">{t('actionItem.details')}</h2>
              {description.text ? (
                <p className="prewrap" lang={description.fallback && description.language ? htmlLangOf(description.language) : undefined}>
                  {description.text}
                </p>
              ) : null}
              <SummaryList>
                <SummaryItem term={t('actionItem.leadOrganization')}>
                  <LocalizedName value={a.leadOrganization.name} /> <ConstituencyBadge constituency={a.leadOrganization.constituency} />
                </SummaryItem>
                <SummaryItem term={t('actionItem.supportingOrganizations')}>
                  {a.supportingOrganizations.length ? (
                    <ul className="plain-list">
                      {a.supportingOrganizations.map((o) => (
                        <li key={o.id}>
                          <LocalizedName value={o.name} /> <ConstituencyBadge constituency={o.constituency} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('common.none')}</span>
                  )}
                </SummaryItem>
                <SummaryItem term={t('actionItem.workingGroup')}>
                  {a.workingGroup ? (
                    <Link to={`/working-groups/${a.workingGroup.id}`}>
                      <LocalizedName value={a.workingGroup.name} />
                    </Link>
                  ) : (
                    <span className="muted">{t('common.none')}</span>
                  )}
                </SummaryItem>
                <SummaryItem term={t('actionItem.policyArea')}>{t(`policyArea.${a.policyArea}`)}</SummaryItem>
                <SummaryItem term={t('actionItem.dueDate')}>
                  {a.dueDate ? formatDate(a.dueDate, i18n.language) : <span className="muted">{t('common.none')}</span>} {a.overdue ? <OverdueBadge /> : null}
                </SummaryItem>
                <SummaryItem term={t('actionItem.priority')}>
                  <PriorityBadge priority={a.priority} />
                </SummaryItem>
                <SummaryItem term={t('actionItem.origin')}>
                  {a.origin.roundtableId ? (
                    <Link to={`/roundtables/${a.origin.roundtableId}?tab=decisions`}>{t('actionItem.originDecision')}</Link>
                  ) : (
                    <span className="muted">{t('actionItem.originNone')}</span>
                  )}
                </SummaryItem>
                <SummaryItem term={t('actionItem.updated')}>{formatDateTime(a.updatedAt, i18n.language)}</SummaryItem>
              </SummaryList>
            </section>
            <section className="card" aria-labelledby="ai-progress">
              <h2 id="ai-progress">{t('actionItem.progress')}</h2>
              <ProgressBar value={a.progress} label={t('actionItem.progressOf', { title: label(a.title) })} />
              <p>
                {t('actionItem.completionLevel')}
                {t('common.colon')}
                <CompletionBadge level={a.completionLevel} />
              </p>
              <p className="muted small">
                {a.progressFromMilestones
                  ? t('actionItem.progressFromMilestones', { done: a.milestones.done, total: a.milestones.total })
                  : t('actionItem.progressManual')}
              </p>
            </section>
          </div>
          <PositionsSection item={a} onChanged={(updated) => item.setData(() => updated)} />
          <MilestonesSection item={a} onChanged={item.reload} />
          <IndicatorLinksSection item={a} />
        </>
      ) : null}

      {tab === 'overview' ? <DocumentsPanel targetType="action_item" targetId={a.id} /> : null}

      {tab === 'votes' ? <CommitmentVotesSection item={a} /> : null}

      {tab === 'discussion' ? <DiscussionPanel kind="action_item" refId={a.id} title={t('discussion.title')} /> : null}

      {tab === 'history' ? (
        <section aria-labelledby="ai-history">
          <h2 id="ai-history">{t('history.title')}</h2>
          <HistoryList loader={() => api.actionItems.history(a.id)} version={a.updatedAt} />
        </section>
      ) : null}
    </>
  );
}
