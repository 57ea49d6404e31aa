import { startTransition, useEffect, useState } from 'react';
import type { ConnectionStatus, RealtimeConnection } from './connection';

let loading: Promise<RealtimeConnection> | null = null;

/** Loads the socket code on first use (it is not needed to sign in), and connects. */
export function loadRealtime(): Promise<RealtimeConnection> {
  loading ??= import('./connection').then((m) => m.realtime());
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
