import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { isApiError } from '../api/errors';
import { SCOPE_TYPES, type Indicator, type IndicatorLink, type LocalizedText, type Park, type ScopeType, type Series } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { TrajectoryBadge } from '../components/Badges';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { formatDate } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { useResource } from '../lib/useResource';
import { saveBlob } from '../lib/download';
import {
  DemoBadge,
  DimensionName,
  ObservationStatusBadge,
  PeriodText,
  ScopePicker,
  useDisaggregationLabel,
  useFormatValue,
  useParkDirectory,
  useScopeChoiceLabel,
} from './parts';
import { parseScopeParam, scopeParam, type ChartSeries } from './chartModel';
import { formatPeriod, periodTime, recentYears } from './periods';
import { disaggregationOptions, type ScopeChoice } from './values';
import { SummaryItem, SummaryList } from '../components/SummaryList';
import { useWording } from '../lib/useWording';

const today = () => new Date().toISOString().slice(0, 10);

// ECharts comes with the chart, in a chunk of its own, once there is something to draw.
const IndicatorChart = lazy(() => import('./IndicatorChart'));

/** At most this many scopes besides the first on one chart: more lines than that cannot be told apart. */
const MAX_COMPARED = 5;

/** The indicator's verified current values as SDMX-CSV 2.0, for ILOSTAT and other statistical systems. */
function SdmxDownload({ code }: { code: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const { blob, filename } = await api.indicators.sdmxCsv(code);
      saveBlob(blob, filename ?? `${code}.sdmx.csv`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void download()}>
        {t('indicator.downloadSdmx')}
      </button>
      {failed ? (
        <span role="alert" className="field-error">
          {t('indicator.downloadFailed')}
        </span>
      ) : null}
    </>
  );
}

/** One indicator: its definition, and its time series for a scope, with a commitment's trajectory when opened from one. */
export default function IndicatorPage() {
  const { ref = '' } = useParams();
  const { t, i18n, label } = useWording();
  const user = useCurrentUser();
  const location = useLocation();
  const indicator = useResource(() => api.indicators.get(ref), [ref]);
  const notice = (location.state as { notice?: string } | null)?.notice;

  if (indicator.error) return <LoadError error={indicator.error} onRetry={indicator.reload} />;
  if (!indicator.data) return <Loading />;
  const i = indicator.data;
  const definition = localized(i.definition, i18n.language);
  const reporter = user.role !== 'observer';

  return (
    <>
      <Breadcrumb to="/indicators" label={t('indicators.areaTitle')} />
      <PageHeader
        title={`${i.code} · ${label(i.name)}`}
        description={
          <span className="header-meta">
            <span className="badge">{t(`indicatorCategory.${i.category}`)}</span>
            <span className="badge">
              <DimensionName dimension={i.dimension} />
            </span>
          </span>
        }
        actions={
          <>
            {reporter ? (
              <Link to={`/indicators/report?indicator=${encodeURIComponent(i.code)}`} className="button button--secondary">
                {t('observation.reportValue')}
              </Link>
            ) : null}
            <Link to={`/indicators/${encodeURIComponent(i.code)}/completeness`} className="button button--secondary">
              {t('completeness.link')}
            </Link>
            <SdmxDownload code={i.code} />
            {user.role === 'admin' ? (
              <Link to={`/indicators/${encodeURIComponent(i.code)}/edit`} className="button button--secondary">
                {t('common.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      {notice === 'created' || notice === 'saved' ? <Notice>{t(notice === 'created' ? 'indicatorForm.created' : 'indicatorForm.saved')}</Notice> : null}
      <section className="card" aria-labelledby="ind-definition">
        <h2 id="ind-definition">{t('indicator.definition')}</h2>
        {definition.text ? (
          <p lang={definition.fallback && definition.language ? htmlLangOf(definition.language) : undefined}>
            {definition.text}
            {definition.fallback ? (
              <span className="fallback-tag"> {definition.language === 'en' ? t('localized.inEnglish') : t('localized.inChinese')}</span>
            ) : null}
          </p>
        ) : (
          <p className="muted">{t('indicator.noDefinition')}</p>
        )}
        <SummaryList>
          <SummaryItem term={t('indicators.code')}>
            <code>{i.code}</code>
          </SummaryItem>
          <SummaryItem term={t('indicators.unit')}>{t(`indicatorUnit.${i.unit}`)}</SummaryItem>
          <SummaryItem term={t('indicators.direction')}>
            <span aria-hidden="true">{i.direction === 'higher' ? '↑ ' : '↓ '}</span>
            {t(`direction.${i.direction}`)}
          </SummaryItem>
          <SummaryItem term={t('indicators.aggregation')}>{t(`aggregation.${i.aggregation}`)}</SummaryItem>
          <SummaryItem term={t('indicators.disaggregations')}>
            {i.disaggregations.length ? <DisaggregationList keys={i.disaggregations} /> : <span className="muted">{t('common.none')}</span>}
          </SummaryItem>
          <SummaryItem term={t('indicators.source')}>
            {i.source ? <span lang="en">{i.source}</span> : <span className="muted">{t('common.none')}</span>}
          </SummaryItem>
        </SummaryList>
      </section>
      <SeriesSection indicator={i} />
    </>
  );
}

function DisaggregationList({ keys }: { keys: string[] }) {
  const label = useDisaggregationLabel();
  const { t } = useTranslation();
  return <>{keys.map((k) => disaggregationOptions([k]).map(label).join(' / ')).join(t('common.listSeparator'))}</>;
}

/** The link a page was opened from (?item=&link=), if it belongs to this indicator. */
function useCommitmentLink(indicator: Indicator, itemId: string | null, linkId: string | null) {
  return useResource<{ link: IndicatorLink; title: LocalizedText } | null>(async () => {
    if (!itemId || !linkId) return null;
    const [links, item] = await Promise.all([api.actionItems.indicatorLinks(itemId), api.actionItems.get(itemId)]);
    const link = links.items.find((l) => l.id === linkId && l.indicator.id === indicator.id);
    return link ? { link, title: item.title } : null;
  }, [indicator.id, itemId, linkId]);
}

function SeriesSection({ indicator }: { indicator: Indicator }) {
  const { t, i18n, label } = useWording();
  const user = useCurrentUser();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const directory = useParkDirectory();
  const [params, setParams] = useSearchParams();
  const itemId = params.get('item');
  const linkId = params.get('link');
  const commitment = useCommitmentLink(indicator, itemId, linkId);
  const link = commitment.data?.link ?? null;

  const scopeType = (SCOPE_TYPES as readonly string[]).includes(params.get('scopeType') ?? '') ? (params.get('scopeType') as ScopeType) : null;
  const scopeKey = params.get('scope') ?? '';
  const disaggregation = params.get('dis') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const includeSubmitted = params.get('status') === 'all' && user.role !== 'observer';
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  // Opened from a commitment: show the scope and disaggregation it is judged on. Otherwise a park to start with:
  // the reader's own park if they run one, else the first in the directory.
  useEffect(() => {
    if (scopeType && scopeKey) return;
    if (link) {
      update({ scopeType: link.scope.type, scope: link.scope.key, dis: link.disaggregation || null });
      return;
    }
    if (itemId && linkId && commitment.loading) return;
    const own = directory.parks.find((p) => p.organization?.id === user.organization.id) ?? directory.parks[0];
    if (own) update({ scopeType: 'park', scope: own.id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link, directory.parks, commitment.loading]);

  const choice: ScopeChoice = { type: scopeType ?? 'park', key: scopeKey };
  const ready = Boolean(scopeType && scopeKey);
  const series = useResource<Series | null>(
    (signal) =>
      ready
        ? api.indicators.series(
            indicator.id,
            {
              scopeType: choice.type,
              scope: choice.key,
              from: from || undefined,
              to: to || undefined,
              disaggregation: disaggregation || undefined,
              status: includeSubmitted ? 'all' : undefined,
            },
            signal,
          )
        : Promise.resolve(null),
    [indicator.id, choice.type, choice.key, from, to, disaggregation, includeSubmitted],
  );
  // Other scopes drawn on the same chart (?compare=park:<id>&compare=city:<Province/City>…), the primary one left out.
  const compare = useMemo(
    () =>
      params
        .getAll('compare')
        .map(parseScopeParam)
        .filter((c): c is ScopeChoice => c !== null && !(c.type === choice.type && c.key === choice.key))
        .filter((c, i, all) => all.findIndex((o) => o.type === c.type && o.key === c.key) === i)
        .slice(0, MAX_COMPARED),
    [params, choice.type, choice.key],
  );
  const compareKey = compare.map(scopeParam).join('|');
  const compared = useResource<Series[]>(
    (signal) =>
      Promise.all(
        compare.map((c) =>
          api.indicators
            .series(
              indicator.id,
              {
                scopeType: c.type,
                scope: c.key,
                from: from || undefined,
                to: to || undefined,
                disaggregation: disaggregation || undefined,
                status: includeSubmitted ? 'all' : undefined,
              },
              signal,
            )
            // A scope in the URL that no longer exists is left off the chart rather than failing the page.
            .catch((e: unknown) => {
              if (isApiError(e) && e.status === 400) return null;
              throw e;
            }),
        ),
      ).then((all) => all.filter((x): x is Series => x !== null)),
    [indicator.id, compareKey, from, to, disaggregation, includeSubmitted],
  );
  const targets = useResource((signal) => api.indicators.targets(indicator.id, signal).then((r) => r.items), [indicator.id]);
  const setCompare = (next: ScopeChoice[]) => {
    const p = new URLSearchParams(params);
    p.delete('compare');
    for (const c of next) p.append('compare', scopeParam(c));
    setParams(p, { replace: true });
  };
  const years = useMemo(() => recentYears(today(), 20).slice().reverse(), []);
  const s = series.data;
  const chartSeries = s ? [s, ...(compared.data ?? [])] : [];
  const scopeName = useCallback((x: ChartSeries) => scopeLabel(x as Series, label, t('common.listSeparator')), [label, t]);
  const onLinkScope = link && link.scope.key === choice.key && link.scope.type === choice.type && link.disaggregation === disaggregation;
  const trajectory = onLinkScope ? { baseline: link.baseline, target: link.target } : null;
  const chartTitle = s
    ? t('indicator.chartTitle', {
        code: indicator.code,
        scope: chartSeries.map((x) => scopeLabel(x, label, t('common.listSeparator'))).join(t('common.listSeparator')),
        disaggregation: disaggregationLabel(s.disaggregation),
      })
    : indicator.code;
  const drawnTargets = (targets.data ?? []).filter((g) => chartSeries.some((x) => x.scope.type === g.scope.type && x.scope.key === g.scope.key));
  const lastPoint = s?.points.length ? [...s.points].sort((a, b) => (periodTime(a.period) ?? 0) - (periodTime(b.period) ?? 0))[s.points.length - 1] : null;

  return (
    <section className="card" aria-labelledby="ind-series">
      <h2 id="ind-series">{t('indicator.seriesTitle')}</h2>
      {commitment.data ? (
        <div className="link-panel" role="note">
          <p>
            <strong>{t('indicator.fromCommitment')}</strong>{' '}
            <Link to={`/action-items/${itemId}`}>
              <LocalizedName value={commitment.data.title} />
            </Link>{' '}
            <TrajectoryBadge trajectory={commitment.data.link.trajectory} />
          </p>
          <p className="small">
            {t('links.baselineTarget', {
              baseline: formatValue(commitment.data.link.baseline.value, commitment.data.link.unit),
              baselineDate: formatDate(commitment.data.link.baseline.date, i18n.language),
              target: formatValue(commitment.data.link.target.value, commitment.data.link.unit),
              targetDate: formatDate(commitment.data.link.target.date, i18n.language),
            })}
            {commitment.data.link.latest && commitment.data.link.expected !== null
              ? ` ${t('links.latestVsExpected', {
                  latest: formatValue(commitment.data.link.latest.value, commitment.data.link.unit),
                  period: formatPeriod(commitment.data.link.latest.period, i18n.language),
                  expected: formatValue(commitment.data.link.expected, commitment.data.link.unit),
                })}`
              : null}
          </p>
          {!onLinkScope ? (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                update({
                  scopeType: commitment.data!.link.scope.type,
                  scope: commitment.data!.link.scope.key,
                  dis: commitment.data!.link.disaggregation || null,
                })
              }
            >
              {t('indicator.backToLinkScope')}
            </button>
          ) : null}
          <Link
            to={`/indicators/${encodeURIComponent(indicator.code)}?scopeType=${choice.type}&scope=${encodeURIComponent(choice.key)}`}
            className="link-button"
            replace
          >
            {t('indicator.hideCommitment')}
          </Link>
        </div>
      ) : null}
      <form className="filters series-filters" aria-label={t('indicator.seriesControls')} onSubmit={(e) => e.preventDefault()}>
        <ScopePicker value={choice} onChange={(c) => update({ scopeType: c.type, scope: c.key || null })} />
        {ready ? <CompareScopes compared={compare} onChange={setCompare} parks={directory.parks} /> : null}
        {indicator.disaggregations.length ? (
          <SelectField
            label={t('indicators.disaggregation')}
            value={disaggregation}
            onChange={(v) => update({ dis: v || null })}
            options={[
              { value: '', label: disaggregationLabel('') },
              ...disaggregationOptions(indicator.disaggregations).map((d) => ({ value: d, label: disaggregationLabel(d) })),
            ]}
          />
        ) : null}
        <div className="form-row">
          <SelectField
            label={t('indicator.fromYear')}
            value={from}
            onChange={(v) => update({ from: v || null })}
            emptyLabel={t('period.any')}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <SelectField
            label={t('indicator.toYear')}
            value={to}
            onChange={(v) => update({ to: v || null })}
            emptyLabel={t('period.any')}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
        </div>
        {user.role !== 'observer' ? (
          <label className="toggle">
            <input type="checkbox" checked={includeSubmitted} onChange={(e) => update({ status: e.target.checked ? 'all' : null })} />
            {t('indicator.includeSubmitted')}
          </label>
        ) : null}
      </form>
      {!ready ? (
        <p className="muted">{t('indicator.pickScope')}</p>
      ) : series.error ? (
        <LoadError error={series.error} onRetry={series.reload} />
      ) : !s ? (
        <Loading />
      ) : (
        <div aria-busy={series.loading}>
          {chartSeries.every((x) => x.points.length === 0) && !drawnTargets.length && !trajectory ? (
            <EmptyState>{includeSubmitted ? t('indicator.noValues') : t('indicator.noVerifiedValues')}</EmptyState>
          ) : (
            <Suspense fallback={<Loading />}>
              <IndicatorChart code={indicator.code} title={chartTitle} series={chartSeries} targets={drawnTargets} scopeName={scopeName} />
            </Suspense>
          )}
          {compared.error ? <LoadError error={compared.error} onRetry={compared.reload} /> : null}
          {s.unit !== indicator.unit ? <p className="small muted">{t('indicator.unitShare')}</p> : null}
          {lastPoint ? (
            <p className="small">
              {t('indicator.latest', { value: formatValue(lastPoint.value, s.unit), period: formatPeriod(lastPoint.period, i18n.language) })}
              {lastPoint.status === 'submitted' ? (
                <>
                  {' '}
                  <ObservationStatusBadge status="submitted" />
                </>
              ) : null}
              {lastPoint.partial ? (
                <>
                  {' '}
                  <span className="badge partial-badge">{t('chart.coverage', { count: lastPoint.parkCount, expected: lastPoint.expectedParkCount })}</span>
                </>
              ) : null}
              {lastPoint.isDemo ? <DemoBadge /> : null}
            </p>
          ) : null}
          <RollUp series={s} />
          {s.points.length ? (
            <details className="table-alternative">
              <summary>{t('indicator.tableSummary')}</summary>
              <TableFrame
                caption={chartTitle}
                captionVisible
                className="compact-table"
                headers={[t('indicators.period'), t('indicators.value'), t('indicators.status'), s.rule !== 'direct' ? t('indicator.parkCount') : null]}
              >
                {[...s.points]
                  .sort((a, b) => (periodTime(a.period) ?? 0) - (periodTime(b.period) ?? 0))
                  .map((p) => (
                    <tr key={p.period}>
                      <th scope="row" data-label={t('indicators.period')}>
                        <PeriodText period={p.period} />
                      </th>
                      <td data-label={t('indicators.value')}>
                        {formatValue(p.value, s.unit)}
                        {p.isDemo ? <DemoBadge /> : null}
                      </td>
                      <td data-label={t('indicators.status')}>
                        <ObservationStatusBadge status={p.status} />
                      </td>
                      {s.rule !== 'direct' ? (
                        <td data-label={t('indicator.parkCount')}>
                          {p.parkCount === undefined ? '—' : t('indicator.coverage', { count: p.parkCount, expected: p.expectedParkCount })}
                          {p.partial ? (
                            <>
                              {' '}
                              <span className="badge partial-badge">{t('indicator.partial')}</span>
                            </>
                          ) : null}
                          {p.weighted === false && s.rule === 'weighted_mean' ? <span className="muted small block">{t('indicator.notWeighted')}</span> : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
              </TableFrame>
            </details>
          ) : null}
          <RecentValues indicator={indicator} choice={choice} disaggregation={disaggregation} />
        </div>
      )}
    </section>
  );
}

/** The other scopes on the chart: each removable, and one more picked from the directory and added. */
function CompareScopes({ compared, onChange, parks }: { compared: ScopeChoice[]; onChange: (next: ScopeChoice[]) => void; parks: Park[] }) {
  const { t } = useTranslation();
  const nameOf = useScopeChoiceLabel(parks);
  const [adding, setAdding] = useState<ScopeChoice>({ type: 'park', key: '' });
  const full = compared.length >= MAX_COMPARED;
  return (
    <fieldset className="compare-scopes">
      <legend>{t('indicator.compareTitle')}</legend>
      {compared.length ? (
        <ul className="park-chips" aria-label={t('indicator.comparedScopes')}>
          {compared.map((c) => (
            <li key={scopeParam(c)}>
              {nameOf(c)}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t('indicator.removeCompared', { name: nameOf(c) })}
                onClick={() => onChange(compared.filter((o) => o !== c))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t('indicator.compareHint')}</p>
      )}
      {full ? (
        <p className="small muted">{t('indicator.compareFull', { max: MAX_COMPARED })}</p>
      ) : (
        <div className="compare-add">
          <ScopePicker value={adding} onChange={setAdding} />
          <button
            type="button"
            className="button button--secondary"
            disabled={!adding.key}
            onClick={() => {
              onChange([...compared, adding]);
              setAdding({ type: adding.type, key: '' });
            }}
          >
            {t('indicator.addCompared')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

function scopeLabel(s: Series, label: (v: Series['parks'][number]['name']) => string, separator: string): string {
  if (s.scope.park) return label(s.scope.park.name);
  if (s.scope.type === 'city') return `${s.scope.city}${separator}${s.scope.province}`;
  return s.scope.province ?? s.scope.key;
}

/** How the scope's values were made: its own, or rolled up from its parks (which, and by what rule). */
function RollUp({ series }: { series: Series }) {
  const { t } = useTranslation();
  return (
    <div className="roll-up">
      <h3>{t('indicator.rollUpTitle')}</h3>
      <p className="small">
        {series.rule === 'direct' ? t('indicator.ruleDirect') : t(`indicator.rule.${series.rule}`, { count: series.parks.length })}
        {series.weightedBy ? ` ${t('indicator.weightedBy', { code: series.weightedBy })}` : null}
      </p>
      {series.rule !== 'direct' ? <p className="small muted">{t('indicator.coverageRule')}</p> : null}
      {series.rule !== 'direct' && series.parks.length ? (
        <ul className="park-chips">
          {series.parks.map((p) => (
            <li key={p.id}>
              <Link to={`/parks/${p.id}`}>
                <LocalizedName value={p.name} />
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The values behind the series, newest first, with their status: the way to a value's history and corrections. */
function RecentValues({ indicator, choice, disaggregation }: { indicator: Indicator; choice: ScopeChoice; disaggregation: string }) {
  const { t } = useTranslation();
  const formatValue = useFormatValue();
  const disaggregationLabel = useDisaggregationLabel();
  const values = useResource(
    (signal) =>
      api.observations
        .list({ indicatorId: indicator.id, scopeType: choice.type, scope: choice.key, limit: 12 }, signal)
        .then((r) => r.items.filter((o) => o.disaggregation === disaggregation))
        .catch((e: unknown) => {
          if (isApiError(e) && e.status === 400) return [];
          throw e;
        }),
    [indicator.id, choice.type, choice.key, disaggregation],
  );
  if (!values.data?.length) return null;
  return (
    <details className="table-alternative">
      <summary>{t('indicator.recentValues')}</summary>
      <TableFrame
        caption={t('indicator.recentValues')}
        className="compact-table"
        headers={[t('indicators.period'), t('indicators.value'), t('indicators.status'), <span className="visually-hidden">{t('common.actions')}</span>]}
      >
        {values.data.map((o) => (
          <tr key={o.id}>
            <th scope="row" data-label={t('indicators.period')}>
              <PeriodText period={o.period} />
              {o.disaggregation ? <span className="muted small block">{disaggregationLabel(o.disaggregation)}</span> : null}
            </th>
            <td data-label={t('indicators.value')}>
              {formatValue(o.value, o.indicator.unit)}
              {o.isDemo ? <DemoBadge /> : null}
            </td>
            <td data-label={t('indicators.status')}>
              <ObservationStatusBadge status={o.status} />
            </td>
            <td className="row-actions">
              <Link to={`/observations/${o.id}`}>{t('observation.openValue')}</Link>
            </td>
          </tr>
        ))}
      </TableFrame>
    </details>
  );
}
