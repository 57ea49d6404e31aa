import { Link } from 'react-router-dom';
import { ACTION_ITEM_STATUSES, COMPLETION_LEVELS, CONSENSUS_STATES, TRAJECTORIES } from '../api/types';
import { ActionItemStatusBadge, TrajectoryBadge } from '../components/Badges';
import { BarChart, ProgressBar, type BarDatum } from '../components/Charts';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { formatDate } from '../i18n/format';
import { ScopeName } from '../indicators/parts';
import { useResource } from '../lib/useResource';
import { dashboardLoads, useRoadmap } from './RoadmapLayout';
import { useWording } from '../lib/useWording';

export { dashboardOpening as opening } from './RoadmapLayout';

/** Progress of the roadmap at a glance: counts by status, completion and consensus, overdue commitments, groups. */
export default function RoadmapDashboardPage() {
  const { roadmap } = useRoadmap();
  const { t, i18n, label } = useWording();
  // Asked for by the frame already when the page opened here (RoadmapLayout), else now.
  const progress = useResource(() => dashboardLoads.progress.take(roadmap.id), [roadmap.id]);
  const health = useResource(() => dashboardLoads.health.take(roadmap.id), [roadmap.id]);

  if (progress.error) return <LoadError error={progress.error} onRetry={progress.reload} />;
  if (!progress.data) return <Loading />;
  const p = progress.data;
  if (p.total === 0) return <EmptyState>{t('board.empty')}</EmptyState>;

  return (
    <div className="dashboard">
      <section className="stat-cards" aria-label={t('dashboard.summary')}>
        <div className="stat-card">
          <span className="stat-value">{p.total}</span>
          <span className="stat-label">{t('dashboard.total')}</span>
        </div>
        <div className="stat-card">
          <span className="stat-value">{p.byConsensus.consensus}</span>
          <span className="stat-label">{t('dashboard.withConsensus')}</span>
        </div>
        <div className={`stat-card${p.overdue ? ' stat-card--alert' : ''}`}>
          <span className="stat-value">{p.overdue}</span>
          <span className="stat-label">{t('dashboard.overdue')}</span>
        </div>
        <div className="stat-card stat-card--wide">
          <span className="stat-label">{t('dashboard.averageProgress')}</span>
          <ProgressBar value={p.averageProgress} label={t('dashboard.averageProgress')} />
        </div>
      </section>

      <div className="chart-grid">
        <ChartCard title={t('dashboard.byStatus')} data={bars(ACTION_ITEM_STATUSES, p.byStatus, (s) => t(`actionItemStatus.${s}`), 'state')} />
        <ChartCard
          title={t('dashboard.byCompletion')}
          data={bars(COMPLETION_LEVELS, p.byCompletionLevel, (c) => t(`completionLevel.${c}`), 'completion')}
          hint={t('dashboard.completionHint')}
        />
        <ChartCard
          title={t('dashboard.byConsensus')}
          data={bars(CONSENSUS_STATES, p.byConsensus, (c) => t(`consensus.${c}`), 'consensus')}
          hint={t('dashboard.consensusHint')}
        />
        <ChartCard
          title={t('dashboard.byLeadConstituency')}
          data={p.byLeadConstituency.map((g) => ({
            key: g.constituency,
            label: t(`constituency.${g.constituency}`),
            value: g.total,
            colorClass: `constituency--${g.constituency}`,
          }))}
        />
      </div>

      <section className="card" aria-labelledby="dash-overdue">
        <h2 id="dash-overdue">{t('dashboard.overdueTitle', { count: p.overdueItems.length })}</h2>
        {p.overdueItems.length ? (
          <ul className="plain-list overdue-list">
            {p.overdueItems.map((item) => (
              <li key={item.id}>
                <Link to={`/action-items/${item.id}`}>
                  <LocalizedName value={item.title} />
                </Link>{' '}
                <ActionItemStatusBadge status={item.status} />
                <span className="muted small block">
                  {item.dueDate ? t('actionItem.dueOn', { date: formatDate(item.dueDate, i18n.language) }) : null} ·{' '}
                  <LocalizedName value={item.leadOrganization.name} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('dashboard.noneOverdue')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="dash-groups">
        <h2 id="dash-groups">{t('dashboard.byWorkingGroup')}</h2>
        <TableFrame
          caption={t('dashboard.byWorkingGroup')}
          className="compact-table"
          headers={[
            t('actionItem.workingGroup'),
            t('dashboard.total'),
            t('actionItemStatus.completed'),
            t('dashboard.overdue'),
            t('dashboard.averageProgress'),
          ]}
        >
          {p.byWorkingGroup.map((g) => {
            const name = g.workingGroup ? label(g.workingGroup.name) : t('dashboard.noWorkingGroup');
            return (
              <tr key={g.workingGroup?.id ?? 'none'}>
                <th scope="row" data-label={t('actionItem.workingGroup')}>
                  {g.workingGroup ? <Link to={`/working-groups/${g.workingGroup.id}`}>{name}</Link> : <span className="muted">{name}</span>}
                </th>
                <td data-label={t('dashboard.total')}>{g.total}</td>
                <td data-label={t('actionItemStatus.completed')}>{g.byStatus.completed}</td>
                <td data-label={t('dashboard.overdue')}>{g.overdue}</td>
                <td data-label={t('dashboard.averageProgress')}>
                  <ProgressBar value={g.averageProgress} label={t('dashboard.averageProgressOf', { name })} />
                </td>
              </tr>
            );
          })}
        </TableFrame>
      </section>

      {health.data ? (
        <section className="card" aria-labelledby="dash-health">
          <h2 id="dash-health">{t('dashboard.indicatorHealth')}</h2>
          <BarChart
            title={t('dashboard.linksByTrajectory')}
            data={TRAJECTORIES.map((tr) => ({ key: tr, label: t(`trajectory.${tr}`), value: health.data!.counts[tr] ?? 0, colorClass: `trajectory--${tr}` }))}
            emptyText={t('dashboard.noIndicatorLinks')}
          />
          <h3>{t('dashboard.offTrackTitle')}</h3>
          {health.data.offTrack.length ? (
            <ul className="plain-list">
              {health.data.offTrack.map((item) => (
                <li key={item.id}>
                  <Link to={`/action-items/${item.id}`}>
                    <LocalizedName value={item.title} />
                  </Link>{' '}
                  <TrajectoryBadge trajectory="off_track" />
                  <ul className="plain-list small">
                    {item.indicators.map((i) => (
                      <li key={i.linkId}>
                        <Link to={`/indicators/${encodeURIComponent(i.code)}?item=${item.id}&link=${i.linkId}`}>
                          <code>{i.code}</code>
                        </Link>{' '}
                        <span className="muted">
                          <ScopeName scope={i.scope} /> · {t(`indicators.scopeType.${i.scope.type}`)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('dashboard.noneOffTrack')}</p>
          )}
          {health.data.items.some((i) => i.links.length) ? (
            <>
              <h3>{t('dashboard.byCommitment')}</h3>
              <TableFrame
                caption={t('dashboard.byCommitment')}
                className="compact-table"
                headers={[t('dashboard.commitment'), t('dashboard.linkedIndicators'), t('dashboard.needsMostAttention')]}
              >
                {health.data.items
                  .filter((i) => i.links.length)
                  .map((i) => (
                    <tr key={i.actionItem.id}>
                      <th scope="row" data-label={t('dashboard.commitment')}>
                        <Link to={`/action-items/${i.actionItem.id}`}>
                          <LocalizedName value={i.actionItem.title} />
                        </Link>
                      </th>
                      <td data-label={t('dashboard.linkedIndicators')}>
                        {i.links.map((l) => (
                          <span key={l.id} className="block small">
                            <code>{l.indicator.code}</code> <TrajectoryBadge trajectory={l.trajectory} />
                          </span>
                        ))}
                      </td>
                      <td data-label={t('dashboard.needsMostAttention')}>{i.trajectory ? <TrajectoryBadge trajectory={i.trajectory} /> : null}</td>
                    </tr>
                  ))}
              </TableFrame>
            </>
          ) : null}
        </section>
      ) : health.error ? (
        <LoadError error={health.error} onRetry={health.reload} />
      ) : null}
    </div>
  );
}

/** The bars of a tally by a fixed list of values, coloured like their badges (`<family>--<value>`). */
function bars<K extends string>(keys: readonly K[], counts: Record<K, number>, label: (key: K) => string, family: string): BarDatum[] {
  return keys.map((key) => ({ key, label: label(key), value: counts[key], colorClass: `${family}--${key}` }));
}

/** One chart of the dashboard in its card, with what it counts said under it. */
function ChartCard({ title, data, hint }: { title: string; data: readonly BarDatum[]; hint?: string }) {
  return (
    <section className="card">
      <BarChart title={title} data={data} />
      {hint ? <p className="muted small">{hint}</p> : null}
    </section>
  );
}
