import { useEffect, useRef } from 'react';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import { useRealtime } from '../realtime/useRealtime';

/**
 * Follows `action_item:changed` for one commitment: the server pushes it to the item's channel room, so this joins
 * that channel (shared with the open discussion of the same item) and hands every change over, with who made it.
 */
export function useLiveActionItem(itemId: string | undefined, onChange: (item: ActionItem, by: string | undefined) => void): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!connection || !itemId) return;
    let cancelled = false;
    let leave: (() => void) | undefined;
    const off = connection.on('action_item:changed', (event) => {
      if (event.id === itemId && event.actionItem) onChangeRef.current(event.actionItem, event.by);
    });
    api.channels
      .find('action_item', itemId)
      .then((channel) => {
        if (channel && !cancelled) leave = connection.join(channel.id, { onJoined: () => undefined });
      })
      .catch(() => {
        // Live updates are a convenience: the page still works by reloading.
      });
    return () => {
      cancelled = true;
      off();
      leave?.();
    };
  }, [connection, itemId]);
}

/** Follows every commitment of a roadmap (its board) through the roadmap's room (`roadmap:watch`). */
export function useLiveRoadmap(roadmapId: string | undefined, onChange: (item: ActionItem) => void): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!connection || !roadmapId) return;
    const off = connection.on('action_item:changed', (event) => {
      if (event.actionItem && (event.actionItem as ActionItem).roadmapId === roadmapId) onChangeRef.current(event.actionItem);
    });
    const unwatch = connection.watchRoadmap(roadmapId);
    return () => {
      off();
      unwatch();
    };
  }, [connection, roadmapId]);
}
