import { useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types';
import { answerHandler } from './useResource';

export interface CursorList<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  cursor: string | null;
  loading: boolean;
  error: unknown;
  /** Loads the first page again. */
  retry: () => void;
  loadMore: () => void;
}

/**
 * A list read a page at a time: the first page again whenever deps change, the next one on request. The items shown
 * are cleared when the first page is read again, unless `keepItems` (a list that only grows, e.g. a history, keeps
 * showing what it has until the new page arrives).
 */
export function useCursorList<T>(
  loadPage: (cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[],
  { keepItems = false }: { keepItems?: boolean } = {},
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const load = async (after: string | null, replace: boolean, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    const settle = answerHandler(signal, setLoading);
    await loadRef.current(after ?? undefined).then(
      (page) =>
        settle(() => {
          setItems((current) => (replace ? page.items : [...current, ...page.items]));
          setCursor(page.nextCursor);
        }),
      (e: unknown) => settle(() => setError(e)),
    );
  };

  useEffect(() => {
    const controller = new AbortController();
    if (!keepItems) setItems([]);
    void load(null, true, controller.signal);
    return () => controller.abort();
  }, [...deps, generation]);

  return {
    items,
    cursor,
    loading,
    error,
    retry: () => setGeneration((g) => g + 1),
    loadMore: () => void load(cursor, false),
  };
}
