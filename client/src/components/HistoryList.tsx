import { useTranslation } from 'react-i18next';
import type { ActivityEntry, Page } from '../api/types';
import { formatDateTime } from '../i18n/format';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { AuditSentence } from './AuditSentence';
import { ChangeList } from './ChangeList';
import { LoadError } from './Feedback';
import { LoadMore, PagedListContent } from './PagedList';
import { useCursorList } from '../lib/useCursorList';

interface HistoryListProps {
  /** Loads a page of the history (newest first). May be a new function at every render: only `version` reloads. */
  loader: (cursor?: string) => Promise<Page<ActivityEntry>>;
  /** Names for user ids that appear in the changes (participants, members). */
  nameOf?: (userId: string) => string | undefined;
  /** Reloads when this changes (e.g. after an edit on the page). */
  version?: unknown;
}

/** The audit trail of one roundtable, working group or commitment: who changed what, and when. */
export function HistoryList({ loader, nameOf, version }: HistoryListProps) {
  const { t, i18n } = useTranslation();
  const tr = useDynamicTranslate();
  const list = useCursorList(loader, [version], { keepItems: true });

  return (
    <PagedListContent list={list} empty={t('history.empty')}>
      {(items) => (
        <>
          <ol className="history-list">
            {items.map((entry) => (
              <li key={entry.id} className="history-entry">
                {i18n.exists(`activityAction.${entry.action}`) ? (
                  <p className="history-head">
                    <strong>{tr(`activityAction.${entry.action}`)}</strong>
                    <span className="muted small">
                      {' '}
                      · {entry.actorName ?? t('activity.system')} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                    </span>
                  </p>
                ) : (
                  // Actions with no short label here read as the audit log's sentence.
                  <p className="history-head audit-sentence">
                    <AuditSentence entry={entry} />
                    <span className="muted small">
                      {' '}
                      · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                    </span>
                  </p>
                )}
                <ChangeList entityType={entry.entityType} changes={entry.changes} nameOf={nameOf} />
              </li>
            ))}
          </ol>
          {list.error ? <LoadError error={list.error} /> : null}
          <LoadMore list={list} />
        </>
      )}
    </PagedListContent>
  );
}
