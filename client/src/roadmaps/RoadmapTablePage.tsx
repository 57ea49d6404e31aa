import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { ACTION_ITEM_STATUSES, POLICY_AREAS, type ActionItemSort, type ActionItemStatus, type PolicyArea } from '../api/types';
import { ActionItemStatusBadge, CompletionBadge, ConsensusBadge, OverdueBadge, PriorityBadge } from '../components/Badges';
import { ProgressBar } from '../components/Charts';
import { optionsOf, SelectField } from '../components/Field';
import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { formatDate } from '../i18n/format';
import { useDebounced } from '../lib/useDebounced';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';
import { useRoadmap } from './RoadmapLayout';
import { useWording } from '../lib/useWording';
import { ResourceContent } from '../components/DataTable';

const SORTS: readonly ActionItemSort[] = ['dueDate', '-dueDate', 'priority', '-priority', 'status', '-updatedAt', 'title'];
/** "Open" = everything still to be done. */
const OPEN: ActionItemStatus[] = ['proposed', 'agreed', 'in_progress', 'delayed'];

type SortKey = 'title' | 'status' | 'dueDate' | 'priority';

/** The roadmap as a table with filters (status, working group, organization, policy area) and sorting. */
export default function RoadmapTablePage() {
  const { roadmap } = useRoadmap();
  const { t, i18n, label } = useWording();
  const organizations = useOrganizations();
  const groups = useResource(() => api.workingGroups.list({ limit: 200 }).then((r) => r.items), []);
  const [status, setStatus] = useState<string>('');
  const [workingGroupId, setWorkingGroupId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [policyArea, setPolicyArea] = useState<PolicyArea | ''>('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ActionItemSort>('dueDate');
  const query = useDebounced(q.trim());
  const items = useResource(
    () =>
      api.actionItems
        .list({
          roadmapId: roadmap.id,
          status: status === 'open' ? OPEN : status ? [status as ActionItemStatus] : undefined,
          workingGroupId: workingGroupId || undefined,
          organizationId: organizationId || undefined,
          policyArea: policyArea || undefined,
          q: query || undefined,
          sort,
        })
        .then((r) => r.items),
    [roadmap.id, status, workingGroupId, organizationId, policyArea, query, sort],
  );

  const sortHeader = (key: SortKey, text: string) => {
    const ascending = sort === key;
    const descending = sort === `-${key}`;
    const next: ActionItemSort = key === 'title' || key === 'status' ? key : ascending ? (`-${key}` as ActionItemSort) : key;
    return (
      <th scope="col" aria-sort={ascending ? 'ascending' : descending ? 'descending' : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort(next)}>
          {text}
          <span aria-hidden="true">{ascending ? ' ▲' : descending ? ' ▼' : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <FilterBar label={t('table.filter')}>
        <FilterSelect
          label={t('actionItem.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: 'open', label: t('table.openOnly') }, ...optionsOf(ACTION_ITEM_STATUSES, (s) => t(`actionItemStatus.${s}`))]}
        />
        <FilterSelect
          label={t('actionItem.workingGroup')}
          value={workingGroupId}
          onChange={setWorkingGroupId}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: label(g.name) }))}
        />
        <FilterSelect
          label={t('table.organization')}
          value={organizationId}
          onChange={setOrganizationId}
          options={organizations.options}
          hint={t('table.organizationHint')}
        />
        <FilterSelect
          label={t('actionItem.policyArea')}
          value={policyArea}
          onChange={setPolicyArea}
          options={optionsOf(POLICY_AREAS, (p) => t(`policyArea.${p}`))}
        />
        <SearchField value={q} onChange={setQ} />
        <SelectField
          label={t('table.sort')}
          value={sort}
          onChange={(v) => setSort(v)}
          options={SORTS.map((s) => ({ value: s, label: t(`table.sortBy.${s}`) }))}
        />
      </FilterBar>
      <p className="muted small" aria-live="polite">
        {items.data ? t('table.count', { count: items.data.length }) : ''}
      </p>
      <ResourceContent resource={items} empty={t('table.empty')}>
        {(rows) => (
          <div className="table-scroll">
            <table className="data-table action-table">
              <caption className="visually-hidden">{t('table.caption')}</caption>
              <thead>
                <tr>
                  {sortHeader('title', t('actionItem.title'))}
                  {sortHeader('status', t('actionItem.status'))}
                  <th scope="col">{t('actionItem.leadOrganization')}</th>
                  <th scope="col">{t('actionItem.policyArea')}</th>
                  {sortHeader('dueDate', t('actionItem.dueDate'))}
                  {sortHeader('priority', t('actionItem.priority'))}
                  <th scope="col">{t('actionItem.progress')}</th>
                  <th scope="col">{t('actionItem.consensusLabel')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" data-label={t('actionItem.title')}>
                      <Link to={`/action-items/${item.id}`}>
                        <LocalizedName value={item.title} />
                      </Link>
                      {item.workingGroup ? (
                        <span className="muted small block">
                          <LocalizedName value={item.workingGroup.name} />
                        </span>
                      ) : null}
                    </th>
                    <td data-label={t('actionItem.status')}>
                      <ActionItemStatusBadge status={item.status} />
                    </td>
                    <td data-label={t('actionItem.leadOrganization')}>
                      <span className={`constituency--${item.leadOrganization.constituency}`}>
                        <span className="row-swatch" aria-hidden="true" />
                      </span>
                      <LocalizedName value={item.leadOrganization.name} />
                    </td>
                    <td data-label={t('actionItem.policyArea')}>{t(`policyArea.${item.policyArea}`)}</td>
                    <td data-label={t('actionItem.dueDate')}>
                      {item.dueDate ? formatDate(item.dueDate, i18n.language) : <span className="muted">{t('common.none')}</span>}
                      {item.overdue ? (
                        <>
                          {' '}
                          <OverdueBadge />
                        </>
                      ) : null}
                    </td>
                    <td data-label={t('actionItem.priority')}>
                      <PriorityBadge priority={item.priority} />
                    </td>
                    <td data-label={t('actionItem.progress')} className="progress-cell">
                      <ProgressBar value={item.progress} label={t('actionItem.progressOf', { title: label(item.title) })} />
                      <CompletionBadge level={item.completionLevel} />
                    </td>
                    <td data-label={t('actionItem.consensusLabel')}>
                      <ConsensusBadge consensus={item.consensus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ResourceContent>
    </>
  );
}
