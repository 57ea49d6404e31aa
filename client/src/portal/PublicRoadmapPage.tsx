import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import { ACTION_ITEM_STATUSES, COMPLETION_LEVELS, type PublicRoadmapDetail } from '../api/types';
import { AuthLayoutWide } from './PublicLayout';
import { BarChart, ProgressBar } from '../components/Charts';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { formatDate, formatDateTime } from '../i18n/format';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import type { ChartSeries } from '../indicators/chartModel';

const IndicatorChart = lazy(() => import('../indicators/IndicatorChart'));

/** A published roadmap, read without signing in: progress, commitments' public fields, the verified indicator series. */
export default function PublicRoadmapPage() {
  const { id = '' } = useParams();
  const { t, i18n, label } = useWording();
  const detail = useResource(() => api.portal.roadmap(id), [id]);

  if (detail.error)
    return (
      <AuthLayoutWide>
        {isApiError(detail.error) && detail.error.status === 404 ? (
          <EmptyState>{t('portal.notPublished')}</EmptyState>
        ) : (
          <LoadError error={detail.error} onRetry={detail.reload} />
        )}
      </AuthLayoutWide>
    );
  if (!detail.data) return <Loading />;
  const d = detail.data;
  const p = d.progress;
  return (
    <AuthLayoutWide>
      <p>
        <Link to="/public">{t('portal.allRoadmaps')}</Link>
      </p>
      <h1>{label(d.roadmap.title)}</h1>
      <p className="muted">
        {t('portal.period', { start: d.roadmap.periodStart, end: d.roadmap.periodEnd })} ·{' '}
        {t('portal.owner', { name: label(d.roadmap.ownerOrganization.name) })}
      </p>
      <section className="card" aria-labelledby="pub-progress">
        <h2 id="pub-progress">{t('portal.progress')}</h2>
        <p>
          {t('portal.total')}: {p.total} · {t('portal.overdue')}: {p.overdue}
        </p>
        <ProgressBar value={p.averageProgress} label={t('portal.averageProgress')} />
        <BarChart
          title={t('portal.byStatus')}
          data={ACTION_ITEM_STATUSES.map((s) => ({ key: s, label: t(`actionItemStatus.${s}`), value: p.byStatus[s], colorClass: `state--${s}` }))}
        />
        <BarChart
          title={t('portal.byCompletion')}
          data={COMPLETION_LEVELS.map((c) => ({ key: c, label: t(`completionLevel.${c}`), value: p.byCompletionLevel[c], colorClass: `completion--${c}` }))}
        />
      </section>
      <section className="card" aria-labelledby="pub-commitments">
        <h2 id="pub-commitments">{t('portal.commitments')}</h2>
        <TableFrame
          caption={t('portal.commitments')}
          className="compact-table"
          headers={[t('portal.commitment'), t('portal.leadOrganization'), t('portal.status'), t('portal.dueDate'), t('portal.progress')]}
        >
          {d.commitments.map((c) => (
            <tr key={c.id}>
              <th scope="row" data-label={t('portal.commitment')}>
                <LocalizedName value={c.title} />
              </th>
              <td data-label={t('portal.leadOrganization')}>
                <LocalizedName value={c.leadOrganization.name} />
              </td>
              <td data-label={t('portal.status')}>{t(`actionItemStatus.${c.status}`)}</td>
              <td data-label={t('portal.dueDate')}>{c.dueDate ? formatDate(c.dueDate, i18n.language) : '—'}</td>
              <td data-label={t('portal.progress')}>
                <ProgressBar value={c.progress} label={label(c.title)} />
              </td>
            </tr>
          ))}
        </TableFrame>
      </section>
      <section className="card" aria-labelledby="pub-indicators">
        <h2 id="pub-indicators">{t('portal.indicators')}</h2>
        <p className="small muted">{t('portal.indicatorsIntro')}</p>
        {d.indicators.length ? (
          d.indicators.map((i) => <PublicIndicatorChart key={i.indicator.code} roadmapId={d.roadmap.id} entry={i} />)
        ) : (
          <p className="muted">{t('portal.noIndicators')}</p>
        )}
      </section>
      <p className="small muted">{t('portal.generatedAt', { time: formatDateTime(d.generatedAt, i18n.language) })}</p>
    </AuthLayoutWide>
  );
}

function PublicIndicatorChart({ roadmapId, entry }: { roadmapId: string; entry: PublicRoadmapDetail['indicators'][number] }) {
  const { t, label } = useWording();
  const series = useResource((signal) => api.portal.series(roadmapId, entry.indicator.code, signal), [roadmapId, entry.indicator.code]);
  const title = `${entry.indicator.code} · ${label(entry.indicator.name)}`;
  const scopeName = (s: ChartSeries) =>
    s.scope.park
      ? label(s.scope.park.name)
      : s.scope.type === 'city'
        ? `${s.scope.city}${t('common.listSeparator')}${s.scope.province}`
        : (s.scope.province ?? s.scope.key);
  return (
    <div className="public-indicator">
      <h3>{title}</h3>
      {series.error ? (
        <LoadError error={series.error} onRetry={series.reload} />
      ) : !series.data ? (
        <Loading />
      ) : series.data.series.every((s) => !s.points.length) && !series.data.series.some((s) => s.targets.length) ? (
        <p className="muted">{t('portal.noValues')}</p>
      ) : (
        <Suspense fallback={<Loading />}>
          <IndicatorChart
            code={entry.indicator.code}
            title={title}
            series={series.data.series}
            targets={series.data.series.flatMap((s) => s.targets)}
            scopeName={scopeName}
          />
        </Suspense>
      )}
    </div>
  );
}
