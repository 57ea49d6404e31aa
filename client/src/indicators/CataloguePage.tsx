import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { INDICATOR_CATEGORIES, type IndicatorCategory } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { optionsOf } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { useDebounced } from '../lib/useDebounced';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { useResource } from '../lib/useResource';
import { DimensionName } from './parts';
import { useWording } from '../lib/useWording';

/** The catalogue of green-job and EIP social indicators, filtered by category, dimension and text. */
export default function CataloguePage() {
  const { t, label, i18n } = useWording();
  const tr = useDynamicTranslate();
  const [params, setParams] = useSearchParams();
  const category = (INDICATOR_CATEGORIES as readonly string[]).includes(params.get('category') ?? '') ? (params.get('category') as IndicatorCategory) : '';
  const dimension = params.get('dimension') ?? '';
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim());
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // The dimensions offered are those of the whole catalogue, so a choice never empties the list of choices.
  const all = useResource(() => api.indicators.list().then((r) => r.items), []);
  const indicators = useResource(
    () => api.indicators.list({ category: category || undefined, dimension: dimension || undefined, q: query || undefined }).then((r) => r.items),
    [category, dimension, query],
  );
  const dimensions = [...new Set((all.data ?? []).filter((i) => !category || i.category === category).map((i) => i.dimension))].sort();

  return (
    <section aria-labelledby="catalogue-title">
      <h2 id="catalogue-title" className="visually-hidden">
        {t('indicatorNav.catalogue')}
      </h2>
      <FilterBar label={t('indicators.filter')}>
        <FilterSelect
          label={t('indicators.category')}
          value={category}
          onChange={(v) => setParam('category', v)}
          options={optionsOf(INDICATOR_CATEGORIES, (c) => t(`indicatorCategory.${c}`))}
        />
        <FilterSelect
          label={t('indicators.dimension')}
          value={dimension}
          onChange={(v) => setParam('dimension', v)}
          options={dimensions.map((d) => ({ value: d, label: tr(`dimension.${d}`, { defaultValue: d.replace(/_/g, ' ') }) }))}
        />
        <SearchField
          value={q}
          onChange={(v) => {
            setQ(v);
            setParam('q', v.trim());
          }}
          hint={t('indicators.searchHint')}
        />
      </FilterBar>
      {indicators.error ? (
        <LoadError error={indicators.error} onRetry={indicators.reload} />
      ) : indicators.loading && !indicators.data ? (
        <Loading />
      ) : !indicators.data?.length ? (
        <EmptyState>{t('indicators.noneMatch')}</EmptyState>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('indicators.count', { count: indicators.data.length })}
          </p>
          <TableFrame
            caption={t('indicatorNav.catalogue')}
            headers={[t('indicators.indicator'), t('indicators.categoryAndDimension'), t('indicators.unit'), t('indicators.direction'), t('indicators.source')]}
          >
            {indicators.data.map((i) => (
              <tr key={i.id}>
                <th scope="row" data-label={t('indicators.indicator')}>
                  <code className="indicator-code">{i.code}</code>
                  <Link to={`/indicators/${encodeURIComponent(i.code)}`} className="block" aria-label={`${i.code} ${label(i.name)}`}>
                    <LocalizedName value={i.name} />
                  </Link>
                  {i.disaggregations.length ? (
                    <span className="muted small block">
                      {t('indicators.byDisaggregation', {
                        list: i.disaggregations.map((d) => tr(`disaggregation.key.${d}`, { defaultValue: d })).join(t('common.listSeparator')),
                      })}
                    </span>
                  ) : null}
                </th>
                <td data-label={t('indicators.categoryAndDimension')}>
                  {t(`indicatorCategory.${i.category}`)}
                  <span className="muted small block">
                    <DimensionName dimension={i.dimension} />
                  </span>
                </td>
                <td data-label={t('indicators.unit')}>{t(`indicatorUnit.${i.unit}`)}</td>
                <td data-label={t('indicators.direction')}>
                  <span aria-hidden="true">{i.direction === 'higher' ? '↑ ' : '↓ '}</span>
                  {t(`direction.${i.direction}`)}
                </td>
                <td data-label={t('indicators.source')} className="small">
                  {/* The catalogue's sources name their frameworks in English. */}
                  {i.sourceZh && i18n.language.startsWith('zh') ? (
                    <span lang="zh-CN">{i.sourceZh}</span>
                  ) : i.source ? (
                    <span lang="en">{i.source}</span>
                  ) : (
                    <span className="muted">{t('common.none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </TableFrame>
        </>
      )}
    </section>
  );
}
