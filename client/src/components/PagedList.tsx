import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CursorList } from '../lib/useCursorList';
import { EmptyState, LoadError, Loading } from './Feedback';

/** A paged list's first-load states: the error with a retry, the loading, the empty list, then the items. */
export function PagedListContent<T>({ list, empty, children }: { list: CursorList<T>; empty: ReactNode; children: (items: T[]) => ReactNode }) {
  if (list.error && !list.items.length) return <LoadError error={list.error} onRetry={list.retry} />;
  if (list.loading && !list.items.length) return <Loading />;
  if (!list.items.length) return <EmptyState>{empty}</EmptyState>;
  return <>{children(list.items)}</>;
}

/** "Load more" under a paged list, while there is a next page. */
export function LoadMore({ list }: { list: CursorList<unknown> }) {
  const { t } = useTranslation();
  if (!list.cursor) return null;
  return (
    <div className="load-more">
      <button type="button" className="button button--secondary" onClick={list.loadMore} disabled={list.loading}>
        {list.loading ? t('common.loading') : t('activity.loadMore')}
      </button>
    </div>
  );
}
