import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry, Page } from '../api/types';
import { formatDateTime } from '../i18n/format';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { ChangeList } from './ChangeList';
import { EmptyState, LoadError, Loading } from './Feedback';

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
  const [items, setItems] = useState<ActivityEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  const load = useCallback(async (after: string | null, replace: boolean, signal?: { aborted: boolean }) => {
    setLoading(true);
    setError(null);
    try {
      const page = await loaderRef.current(after ?? undefined);
      if (signal?.aborted) return;
      setItems((current) => (replace ? page.items : [...current, ...page.items]));
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      if (!signal?.aborted) setError(e);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const signal = { aborted: false };
    void load(null, true, signal);
    return () => {
      signal.aborted = true;
    };
  }, [load, version, generation]);

  if (error && !items.length) return <LoadError error={error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (loading && !items.length) return <Loading />;
  if (!items.length) return <EmptyState>{t('history.empty')}</EmptyState>;
  return (
    <>
      <ol className="history-list">
        {items.map((entry) => (
          <li key={entry.id} className="history-entry">
            <p className="history-head">
              <strong>{tr(`activityAction.${entry.action}`, { defaultValue: entry.action })}</strong>
              <span className="muted small">
                {' '}
                · {entry.actorName ?? t('activity.system')} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
              </span>
            </p>
            <ChangeList entityType={entry.entityType} changes={entry.changes} nameOf={nameOf} />
          </li>
        ))}
      </ol>
      {error ? <LoadError error={error} /> : null}
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
