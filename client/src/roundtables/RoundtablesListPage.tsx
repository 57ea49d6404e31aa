import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ROUNDTABLE_STATUSES, type Roundtable, type RoundtableStatus } from '../api/types';
import { RoundtableRoleBadge, RoundtableStatusBadge, VerdictBadge } from '../components/Badges';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { FilterBar, SearchField } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { PageTabs } from '../components/PageTabs';
import { formatDateTime } from '../i18n/format';
import { useDebounced } from '../lib/useDebounced';
import { useIsStaff } from '../lib/useStaff';

const WHEN = ['upcoming', 'past'] as const;
type When = (typeof WHEN)[number];
const PAGE_SIZE = 20;

export function placeOf(r: Roundtable, online: string): string {
  return [r.location.venue, r.location.city, r.location.online ? online : null].filter(Boolean).join(', ');
}

export default function RoundtablesListPage() {
  const { t, i18n } = useTranslation();
  const staff = useIsStaff();
  const [params] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [status, setStatus] = useState<RoundtableStatus | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const [items, setItems] = useState<Roundtable[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const load = async (after: string | null, replace: boolean, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.roundtables.list({ when, status: status || undefined, q: query || undefined, limit: PAGE_SIZE, cursor: after ?? undefined });
      if (signal?.aborted) return;
      setItems((current) => (replace ? page.items : [...current, ...page.items]));
      setCursor(page.nextCursor);
    } catch (e) {
      if (!signal?.aborted) setError(e);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    void load(null, true, controller.signal);
    return () => controller.abort();
  }, [when, status, query, generation]);

  return (
    <>
      <PageHeader
        title={t('roundtables.title')}
        description={t('roundtables.intro')}
        actions={
          staff ? (
            <Link to="/roundtables/new" className="button">
              {t('roundtables.new')}
            </Link>
          ) : null
        }
      />
      <PageTabs
        label={t('roundtables.whenLabel')}
        param="when"
        current={when}
        tabs={WHEN.map((w) => ({ key: w, label: t(`roundtables.when.${w}`) }))}
      />
      <FilterBar label={t('roundtables.filter')}>
        <SelectField
          label={t('roundtables.status')}
          value={status}
          onChange={(v) => setStatus(v as RoundtableStatus | '')}
          emptyLabel={t('common.all')}
          options={ROUNDTABLE_STATUSES.map((s) => ({ value: s, label: t(`roundtableStatus.${s}`) }))}
        />
        <SearchField value={q} onChange={setQ} hint={t('roundtables.searchHint')} />
      </FilterBar>
      {error && !items.length ? (
        <LoadError error={error} onRetry={() => setGeneration((g) => g + 1)} />
      ) : loading && !items.length ? (
        <Loading />
      ) : !items.length ? (
        <EmptyState>{when === 'upcoming' ? t('roundtables.noneUpcoming') : t('roundtables.nonePast')}</EmptyState>
      ) : (
        <ul className="item-cards" aria-label={t(`roundtables.when.${when}`)}>
          {items.map((r) => (
            <li key={r.id} className="item-card">
              <div className="item-card-main">
                <h2 className="item-card-title">
                  <Link to={`/roundtables/${r.id}`}>
                    <LocalizedName value={r.title} />
                  </Link>
                </h2>
                <p className="muted small">
                  <time dateTime={r.startsAt}>{formatDateTime(r.startsAt, i18n.language)}</time>
                  {placeOf(r, t('roundtables.online')) ? ` · ${placeOf(r, t('roundtables.online'))}` : ''}
                </p>
                <p className="small">
                  {t('roundtables.participantCount', { count: r.participantCounts.total })}
                  {r.myRole ? (
                    <>
                      {' · '}
                      {t('roundtables.youAre')} <RoundtableRoleBadge role={r.myRole} />
                    </>
                  ) : null}
                </p>
              </div>
              <div className="item-card-badges">
                <RoundtableStatusBadge status={r.status} />
                <VerdictBadge verdict={r.verdict} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && items.length ? <LoadError error={error} /> : null}
      {cursor ? (
        <div className="load-more">
          <button type="button" className="button button--secondary" onClick={() => void load(cursor, false)} disabled={loading}>
            {loading ? t('common.loading') : t('activity.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}
