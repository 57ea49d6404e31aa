import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ActivityEntry } from '../api/types';
import { ChangeList } from '../components/ChangeList';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { optionsOf } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { useCursorList } from '../lib/useCursorList';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { FilterSelect } from '../components/Filters';

const ENTITY_TYPES = ['organization', 'user', 'park', 'invitation', 'platform'] as const;
const PAGE_SIZE = 50;

export default function ActivityAdminPage() {
  const { t, i18n } = useTranslation();
  const tr = useDynamicTranslate();
  const [entityType, setEntityType] = useState('');
  const { items, cursor, loading, error, retry, loadMore } = useCursorList<ActivityEntry>(
    (after) => api.activity.list({ entityType: entityType || undefined, limit: PAGE_SIZE, cursor: after }),
    [entityType],
  );

  return (
    <>
      <PageHeader title={t('activity.title')} description={t('activity.intro')} />
      <form className="filters" role="search" aria-label={t('activity.filter')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('activity.entityType')}
          value={entityType}
          onChange={setEntityType}
          options={optionsOf(ENTITY_TYPES, (type) => t(`entityType.${type}`))}
        />
      </form>
      {items.length === 0 && loading ? (
        <Loading />
      ) : items.length === 0 && error ? (
        <LoadError error={error} onRetry={retry} />
      ) : items.length === 0 ? (
        <EmptyState>{t('activity.empty')}</EmptyState>
      ) : (
        <>
          <TableFrame
            caption={t('activity.title')}
            headers={[t('activity.when'), t('activity.who'), t('activity.action'), t('activity.entity'), t('activity.changes')]}
          >
            {items.map((entry) => (
              <tr key={entry.id}>
                <td data-label={t('activity.when')}>
                  <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                </td>
                <td data-label={t('activity.who')}>{entry.actorName ?? <span className="muted">{t('activity.system')}</span>}</td>
                <td data-label={t('activity.action')}>{tr(`activityAction.${entry.action}`, { defaultValue: entry.action })}</td>
                <td data-label={t('activity.entity')}>
                  {tr(`entityType.${entry.entityType}`, { defaultValue: entry.entityType })}{' '}
                  <code className="muted small" title={entry.entityId}>
                    {entry.entityId.slice(0, 8)}
                  </code>
                </td>
                <td data-label={t('activity.changes')}>
                  <ChangeList entityType={entry.entityType} changes={entry.changes} keepIds />
                </td>
              </tr>
            ))}
          </TableFrame>
          {error ? <LoadError error={error} /> : null}
          <div className="load-more" aria-live="polite">
            {cursor ? (
              <button type="button" className="button button--secondary" disabled={loading} onClick={loadMore}>
                {loading ? t('common.loading') : t('activity.loadMore')}
              </button>
            ) : (
              <p className="muted small">{t('activity.end', { count: items.length })}</p>
            )}
          </div>
        </>
      )}
    </>
  );
}
