import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ActivityEntry } from '../api/types';
import { ChangeList } from '../components/ChangeList';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { CheckboxField, optionsOf } from '../components/Field';
import { FilterSelect } from '../components/Filters';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { useCursorList } from '../lib/useCursorList';
import { nameFor } from '../translations/translatedText';
import { AuditSentence } from '../components/AuditSentence';

const ENTITY_TYPES = [
  'roundtable',
  'working_group',
  'roadmap',
  'action_item',
  'indicator',
  'observation',
  'period_approval',
  'message',
  'document',
  'organization',
  'user',
  'park',
  'invitation',
  'platform',
] as const;
const PAGE_SIZE = 50;
export default function ActivityAdminPage() {
  const { t, i18n } = useTranslation();
  const [entityType, setEntityType] = useState('');
  const [withSessions, setWithSessions] = useState(false);
  const { items, cursor, loading, error, retry, loadMore } = useCursorList<ActivityEntry>(
    (after) => api.activity.list({ entityType: entityType || undefined, withoutSessions: withSessions ? undefined : true, limit: PAGE_SIZE, cursor: after }),
    [entityType, withSessions],
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
        <CheckboxField label={t('activity.showSessions')} checked={withSessions} onChange={setWithSessions} />
      </form>
      {items.length === 0 && loading ? (
        <Loading />
      ) : items.length === 0 && error ? (
        <LoadError error={error} onRetry={retry} />
      ) : items.length === 0 ? (
        <EmptyState>{t('activity.empty')}</EmptyState>
      ) : (
        <>
          <TableFrame caption={t('activity.title')} headers={[t('activity.when'), t('activity.what'), t('activity.changes')]}>
            {items.map((entry) => (
              <tr key={entry.id} className="audit-entry">
                <td data-label={t('activity.when')}>
                  <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                </td>
                <td data-label={t('activity.what')} className="audit-sentence">
                  <AuditSentence entry={entry} />
                </td>
                <td data-label={t('activity.changes')}>
                  <ChangeList
                    entityType={entry.entityType}
                    changes={entry.changes}
                    nameOf={(id) => (entry.subject?.id === id ? nameFor(entry.subject, i18n.language) : undefined)}
                  />
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
