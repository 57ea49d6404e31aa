/**
 * A load started before the view that shows it has opened. A layout that needs its own data before it shows its child
 * view (a roadmap's frame before its dashboard) starts the view's first requests beside its own, and the view takes
 * the answer as it opens instead of asking only once the layout's answer is in: one round trip less before the page
 * is complete. Each answer is taken once; one not taken soon is dropped, and the view then asks afresh.
 */
export interface EarlyLoad<T> {
  /** Sends the load for this id now, unless one is already waiting to be taken. */
  start(id: string): void;
  /** The answer of the load started for this id, or a new load when none was (or it is too old). */
  take(id: string): Promise<T>;
}

/** How long a started load waits to be taken before a view asks afresh. */
const KEPT_MS = 10_000;

/**
 * A page's `opening` (lib/lazyPage.ts) that starts these loads for the route's `id`: a visit that opens on the page
 * asks for them as soon as it is signed in, while the app's frame renders.
 */
export function openingOf(...loads: EarlyLoad<unknown>[]): (params: { readonly id?: string }) => void {
  return ({ id }) => {
    if (id) for (const load of loads) load.start(id);
  };
}

export function earlyLoad<T>(load: (id: string) => Promise<T>): EarlyLoad<T> {
  const started = new Map<string, { answer: Promise<T>; at: number }>();
  return {
    start(id) {
      const waiting = started.get(id);
      if (waiting && Date.now() - waiting.at < KEPT_MS) return;
      const answer = load(id);
      // The view that takes it handles a failure; until then it is not an unhandled rejection.
      answer.catch(() => undefined);
      started.set(id, { answer, at: Date.now() });
    },
    take(id) {
      const waiting = started.get(id);
      started.delete(id);
      return waiting && Date.now() - waiting.at < KEPT_MS ? waiting.answer : load(id);
    },
  };
}
