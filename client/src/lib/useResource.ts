import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data locally (after a create/update) without a round trip. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/**
 * How a load hands over its answer: the state it sets (with `loading` off) goes in one transition, so no render sees
 * half of it, and React renders it in slices of a few milliseconds, yielding between them, so a page full of data
 * arriving does not hold the main thread (a tap or a keystroke meanwhile is answered first). Nothing is handed over
 * once the load has been abandoned (`signal` aborted).
 */
export function answerHandler(signal: AbortSignal | undefined, setLoading: (loading: boolean) => void) {
  return (apply: () => void) => {
    if (signal?.aborted) return;
    startTransition(() => {
      apply();
      setLoading(false);
    });
  };
}

/** Loads data when deps change; the answer of a superseded load is ignored. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    // In a transition too: set from an effect, these would otherwise be a render of their own that React does not
    // split (on a page's first load they change nothing, but React only knows that once it has rendered them).
    startTransition(() => {
      setLoading(true);
      setError(null);
    });
    const settle = answerHandler(controller.signal, setLoading);
    loadRef.current(controller.signal).then(
      (value) => settle(() => setDataState(value)),
      (e: unknown) => settle(() => setError(e)),
    );
    return () => controller.abort();
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
