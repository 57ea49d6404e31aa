/**
 * The session check of a page load, sent by the entry's first step (client/src/main.tsx) while the rest of the app's
 * scripts are still downloading, instead of once the app has run: a signed-in page then asks for its data one round
 * trip sooner. The app's API client takes the answer as its first refresh (ApiClient.resume); nothing else sends it.
 * This file is part of the entry's first script, so it imports nothing.
 */

/** Runs fn while no other tab of the app runs a refresh; the Web Locks API where the browser has it. */
export type ExclusiveLock = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Refresh tokens rotate, and two tabs presenting the same one would revoke the session, so tabs take turns (each
 * finds the cookie the previous one left).
 */
export const refreshLock: ExclusiveLock = (fn) =>
  typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request('greentable-token-refresh', fn) as Promise<Awaited<ReturnType<typeof fn>>>)
    : fn();

let pending: Promise<Response> | null = null;

/** Sends the session check now (at most once per page load). */
export function startFirstRefresh(): void {
  if (pending || typeof fetch === 'undefined') return;
  // As ApiClient sends it: the HttpOnly cookie goes with it, the body is empty.
  const init: RequestInit = {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  };
  pending = refreshLock(() => fetch('/api/auth/refresh', init));
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  pending.catch(() => undefined);
}

/** The answer of the session check sent at start, once: null when none was sent or it was already taken. */
export function takeFirstRefresh(): Promise<Response> | null {
  const taken = pending;
  pending = null;
  return taken;
}
