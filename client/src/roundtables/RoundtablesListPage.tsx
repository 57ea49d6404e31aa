import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ROUNDTABLE_STATUSES, type Roundtable, type RoundtableStatus } from '../api/types';
import { RoundtableRoleBadge, RoundtableStatusBadge, VerdictBadge } from '../components/Badges';
import { LoadError } from '../components/Feedback';
import { optionsOf } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { PageHeader } from '../components/PageHeader';
import { PageTabs } from '../components/PageTabs';
import { LoadMore, PagedListContent } from '../components/PagedList';
import { VenueTime } from '../components/VenueTime';
import { useCursorList } from '../lib/useCursorList';
import { useDebounced } from '../lib/useDebounced';
import { useIsStaff } from '../lib/useStaff';
import { ItemCard } from '../components/ItemCard';

const WHEN = ['upcoming', 'past'] as const;
type When = (typeof WHEN)[number];
const PAGE_SIZE = 20;

export function placeOf(r: Roundtable, online: string): string {
  return [r.location.venue, r.location.city, r.location.online ? online : null].filter(Boolean).join(', ');
}

export default function RoundtablesListPage() {
  const { t } = useTranslation();
  const staff = useIsStaff();
  const [params] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  const [status, setStatus] = useState<RoundtableStatus | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const list = useCursorList(
    (cursor) => api.roundtables.list({ when, status: status || undefined, q: query || undefined, limit: PAGE_SIZE, cursor }),
    [when, status, query],
  );

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
      <PageTabs label={t('roundtables.whenLabel')} param="when" current={when} tabs={WHEN.map((w) => ({ key: w, label: t(`roundtables.when.${w}`) }))} />
      <FilterBar label={t('roundtables.filter')}>
        <FilterSelect
          label={t('roundtables.status')}
          value={status}
          onChange={setStatus}
          options={optionsOf(ROUNDTABLE_STATUSES, (s) => t(`roundtableStatus.${s}`))}
        />
        <SearchField value={q} onChange={setQ} hint={t('roundtables.searchHint')} />
      </FilterBar>
      <PagedListContent list={list} empty={when === 'upcoming' ? t('roundtables.noneUpcoming') : t('roundtables.nonePast')}>
        {(items) => (
          <ul className="item-cards" aria-label={t(`roundtables.when.${when}`)}>
            {items.map((r) => (
              <ItemCard
                key={r.id}
                to={`/roundtables/${r.id}`}
                title={r.title}
                badges={
                  <>
                    <RoundtableStatusBadge status={r.status} />
                    <VerdictBadge verdict={r.verdict} />
                  </>
                }
              >
                <p className="muted small">
                  <VenueTime start={r.startsAt} timeZone={r.timeZone} place={r.location.city} withDate />
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
              </ItemCard>
            ))}
          </ul>
        )}
      </PagedListContent>
      {list.error && list.items.length ? <LoadError error={list.error} /> : null}
      <LoadMore list={list} />
    </>
  );
}
