import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { useCurrentUser } from '../auth/AuthContext';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { useResource } from '../lib/useResource';
import { canReport } from '@shared/indicator-access';
import { overviewRows, type IndicatorLatest } from './parkOverview';
import { DemoBadge, useFormatValue } from './parts';
import { formatPeriod } from './periods';
import { useWording } from '../lib/useWording';
import { ApprovalsSection } from './ApprovalsSection';

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const;

/** A park's indicators at a glance: the latest verified value of each, its period and trend, and the way to its series. */
export default function ParkPage() {
  const { id = '' } = useParams();
  const { t, label } = useWording();
  const user = useCurrentUser();
  const park = useResource(() => api.parks.get(id), [id]);
  const overview = useResource((signal) => api.parks.indicators(id, signal).then((r) => overviewRows(r.items)), [id]);

  if (park.error) return <LoadError error={park.error} onRetry={park.reload} />;
  if (!park.data) return <Loading />;
  const p = park.data;
  const reporter =
    user.role !== 'observer' &&
    canReport({ role: user.role, organizationId: user.organization.id }, { type: 'park', park: { organizationId: p.organization?.id ?? null } });

  return (
    <>
      <Breadcrumb to="/indicators" label={t('indicators.areaTitle')}>
        {' / '}
        <Link to="/indicators/parks">{t('indicatorNav.parks')}</Link>
      </Breadcrumb>
      <PageHeader
        title={label(p.name)}
        description={
          <>
            {p.city}
            {t('common.listSeparator')}
            {p.province} · {t(`parkLevel.${p.level}`)}
            {p.organization ? (
              <>
                {' · '}
                <LocalizedName value={p.organization.name} />
              </>
            ) : null}
          </>
        }
        actions={
          reporter ? (
            <>
              <Link to={`/indicators/report?scopeType=park&scope=${p.id}`} className="button button--secondary">
                {t('observation.reportValue')}
              </Link>
              <Link to="/indicators/import" className="button button--secondary">
                {t('indicatorNav.import')}
              </Link>
            </>
          ) : null
        }
      />
      <section aria-labelledby="park-indicators">
        <h2 id="park-indicators">{t('parkPage.overviewTitle')}</h2>
        <p className="muted small">{t('parkPage.overviewIntro')}</p>
        {overview.error ? (
          <LoadError error={overview.error} onRetry={overview.reload} />
        ) : !overview.data ? (
          <Loading />
        ) : !overview.data.rows.length ? (
          <EmptyState>{t('parkPage.noValues')}</EmptyState>
        ) : (
          <>
            <OverviewTable parkId={p.id} rows={overview.data.rows} />
            {overview.data.withoutValue ? <p className="muted small">{t('parkPage.withoutValue', { count: overview.data.withoutValue })}</p> : null}
          </>
        )}
      </section>
      <ApprovalsSection parkId={p.id} reporter={reporter} />
    </>
  );
}

function OverviewTable({ parkId, rows }: { parkId: string; rows: IndicatorLatest[] }) {
  const { t, i18n, label } = useWording();
  const formatValue = useFormatValue();
  return (
    <TableFrame caption={t('parkPage.overviewTitle')} headers={[t('indicators.indicator'), t('parkPage.latest'), t('indicators.period'), t('parkPage.trend')]}>
      {rows.map((r) => {
        const trendText = r.trend
          ? t(`parkPage.trendText.${r.trend}`, {
              previous: formatValue(r.previous!.value, r.unit),
              period: formatPeriod(r.previous!.period, i18n.language),
            })
          : t('parkPage.noTrend');
        return (
          <tr key={r.indicator.id}>
            <th scope="row" data-label={t('indicators.indicator')}>
              <code className="indicator-code">{r.indicator.code}</code>
              <Link to={`/indicators/${encodeURIComponent(r.indicator.code)}?scopeType=park&scope=${parkId}`} className="block">
                {label(r.indicator.name)}
              </Link>
            </th>
            <td data-label={t('parkPage.latest')}>
              <strong>{formatValue(r.latest.value, r.unit)}</strong>
              {r.latest.isDemo ? <DemoBadge /> : null}
            </td>
            <td data-label={t('indicators.period')}>{formatPeriod(r.latest.period, i18n.language)}</td>
            <td data-label={t('parkPage.trend')}>
              {r.trend ? (
                <span className={`trend trend--${r.improving === null ? 'flat' : r.improving ? 'better' : 'worse'}`}>
                  <span aria-hidden="true" className="trend-arrow">
                    {ARROWS[r.trend]}
                  </span>{' '}
                  {trendText}
                  {r.improving !== null ? <span className="muted small block">{r.improving ? t('parkPage.better') : t('parkPage.worse')}</span> : null}
                </span>
              ) : (
                <span className="muted">{trendText}</span>
              )}
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}
