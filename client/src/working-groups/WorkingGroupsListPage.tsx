import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { WORKING_GROUP_STATUSES, type WorkingGroupStatus } from '../api/types';
import { VerdictBadge, WorkingGroupStatusBadge } from '../components/Badges';
import { optionsOf } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { LoadMore, PagedListContent } from '../components/PagedList';
import { useCursorList } from '../lib/useCursorList';
import { useDebounced } from '../lib/useDebounced';
import { useIsStaff } from '../lib/useStaff';
import { ItemCard } from '../components/ItemCard';

const PAGE_SIZE = 30;

export default function WorkingGroupsListPage() {
  const { t } = useTranslation();
  const staff = useIsStaff();
  const [status, setStatus] = useState<WorkingGroupStatus | ''>('active');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const list = useCursorList(
    (cursor) => api.workingGroups.list({ status: status || undefined, q: query || undefined, limit: PAGE_SIZE, cursor }),
    [status, query],
  );

  return (
    <>
      <PageHeader
        title={t('workingGroups.title')}
        description={t('workingGroups.intro')}
        actions={
          staff ? (
            <Link to="/working-groups/new" className="button">
              {t('workingGroups.new')}
            </Link>
          ) : null
        }
      />
      <FilterBar label={t('workingGroups.filter')}>
        <FilterSelect
          label={t('workingGroups.status')}
          value={status}
          onChange={setStatus}
          options={optionsOf(WORKING_GROUP_STATUSES, (s) => t(`workingGroupStatus.${s}`))}
        />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <PagedListContent list={list} empty={t('workingGroups.empty')}>
        {(items) => (
          <ul className="item-cards" aria-label={t('workingGroups.title')}>
            {items.map((g) => (
              <ItemCard
                key={g.id}
                to={`/working-groups/${g.id}`}
                title={g.name}
                badges={
                  <>
                    <WorkingGroupStatusBadge status={g.status} />
                    <VerdictBadge verdict={g.verdict} />
                  </>
                }
              >
                <p className="muted small">
                  {t('workingGroups.chairedBy', { name: g.chair.displayName })} · {t('workingGroups.memberCount', { count: g.memberCount })}
                  {g.isMember ? ` · ${t('workingGroups.youAreMember')}` : ''}
                </p>
                {g.formedByRoundtable ? (
                  <p className="small">
                    {t('workingGroups.formedBy')}{' '}
                    <Link to={`/roundtables/${g.formedByRoundtable.id}`}>
                      <LocalizedName value={g.formedByRoundtable.title} />
                    </Link>
                  </p>
                ) : null}
              </ItemCard>
            ))}
          </ul>
        )}
      </PagedListContent>
      <LoadMore list={list} />
    </>
  );
}
