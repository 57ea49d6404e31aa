import { useEffect, useRef } from 'react';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import { useRealtime } from '../realtime/useRealtime';

/** The board follows at most this many commitments live (one channel each). */
const MAX_LIVE = 150;

/**
 * Follows `action_item:changed` for the given commitments: the server pushes it to each item's channel room, so
 * this joins those channels (shared with any open discussion of the same item) and hands every change over.
 */
export function useLiveActionItems(itemIds: readonly string[], onChange: (item: ActionItem) => void): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const key = [...itemIds].sort().join(',');

  useEffect(() => {
    if (!connection || !key) return;
    const wanted = new Set(key.split(',').slice(0, MAX_LIVE));
    let cancelled = false;
    const leaves: (() => void)[] = [];
    const off = connection.on('action_item:changed', (event) => {
      if (wanted.has(event.id) && event.actionItem) onChangeRef.current(event.actionItem as ActionItem);
    });
    (async () => {
      // One item: ask for its channel. Many: list the commitment channels once and pick ours.
      const channels: { id: string; refId: string | null }[] = [];
      if (wanted.size === 1) {
        const channel = await api.channels.find('action_item', [...wanted][0]);
        if (channel) channels.push(channel);
      } else {
        let cursor: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await api.channels.list('action_item', cursor);
          channels.push(...result.items);
          if (!result.nextCursor || channels.filter((c) => c.refId && wanted.has(c.refId)).length >= wanted.size) break;
          cursor = result.nextCursor;
        }
      }
      if (cancelled) return;
      for (const channel of channels) {
        if (channel.refId && wanted.has(channel.refId)) leaves.push(connection.join(channel.id, { onJoined: () => undefined }));
      }
    })().catch(() => {
      // Live updates are a convenience: the page still works by reloading.
    });
    return () => {
      cancelled = true;
      off();
      leaves.forEach((leave) => leave());
    };
  }, [connection, key]);
}
