import { startTransition, useEffect, useState } from 'react';
import { apiClient } from '../api';
import type { ConnectionStatus, RealtimeConnection } from './connection';

let loading: Promise<RealtimeConnection> | null = null;

/** How long the live connection waits at most for the page's first requests (a slow answer does not hold it up). */
const PAGE_FIRST_MS = 3_000;

/**
 * Until the page has what it opened with: its first requests answered and shown (the browser idle after them), or
 * PAGE_FIRST_MS. On a phone network the socket code and the connection's handshake would otherwise compete with the
 * page's own script and data, and its setup with their rendering. Nothing is missed meanwhile: every channel catches
 * up when it is joined and a watched roadmap is read again once it is followed (connection.ts).
 */
function afterOpeningRequests(): Promise<void> {
  const idle = () =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1_000 });
      else setTimeout(resolve, 50);
    });
  // Quiet must still hold once the browser is idle: the shell (whose bell starts this) can commit before the page
  // inside it, and a quiet moment between the two, while the page is rendered in slices, is not the page opened.
  const opened = async () => {
    do {
      await apiClient.whenQuiet();
      await idle();
    } while (apiClient.busy);
  };
  const latest = new Promise<void>((resolve) => setTimeout(resolve, PAGE_FIRST_MS));
  return Promise.race([opened(), latest]);
}

/** Loads the socket code on first use (it is not needed to sign in), and connects once the page has opened. */
export function loadRealtime(): Promise<RealtimeConnection> {
  loading ??= afterOpeningRequests()
    .then(() => import('./connection'))
    .then((m) => m.realtime());
  return loading;
}

/** The tab's realtime connection once loaded (null before), and its status. */
export function useRealtime(): { connection: RealtimeConnection | null; status: ConnectionStatus } {
  const [connection, setConnection] = useState<RealtimeConnection | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  useEffect(() => {
    let cancelled = false;
    let off: (() => void) | undefined;
    // Every component that uses the connection re-renders when it arrives and when its status changes: in a
    // transition, which React renders in slices, rather than in one task that holds the page.
    const showStatus = (next: ConnectionStatus) => startTransition(() => setStatus(next));
    void loadRealtime().then((c) => {
      if (cancelled) return;
      startTransition(() => {
        setConnection(c);
        setStatus(c.status);
      });
      off = c.onStatus(showStatus);
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, []);
  return { connection, status };
}
