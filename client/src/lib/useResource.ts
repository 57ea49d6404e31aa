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
 * Draws what an answer brings as a transition: React renders it in slices of a few milliseconds, yielding between
 * them, so a page full of data arriving does not hold the main thread (a tap or a keystroke meanwhile is answered
 * first). The state an answer sets goes in one call, so no render sees half of it.
 */
export const drawAnswer = (apply: () => void) => startTransition(apply);

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
    setLoading(true);
    setError(null);
    const settle = (apply: () => void) => {
      if (controller.signal.aborted) return;
      drawAnswer(() => {
        apply();
        setLoading(false);
      });
    };
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
