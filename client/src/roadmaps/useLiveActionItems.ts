import { useEffect, useRef } from 'react';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import type { RealtimeConnection } from '../realtime/connection';
import { useRealtime } from '../realtime/useRealtime';

/** What following one commitment needs of the realtime connection (RealtimeConnection has it). */
export type ActionItemFeed = Pick<RealtimeConnection, 'on' | 'join'>;

/**
 * Follows `action_item:changed` for one commitment: the server pushes it to the item's channel room, so this joins
 * that channel (shared with the open discussion of the same item) and hands every change over, with who made it.
 * Returns the function that stops following.
 *
 * A change made after the page read the item but before it was in the room (or while it was disconnected) reaches no
 * one: after every (re)join the item is read again with `reread` and handed over too (with no author), unless a live
 * change arrived meanwhile (it carries the whole item as of then, so the read could only be older).
 */
export function followActionItem(
  connection: ActionItemFeed,
  itemId: string,
  findChannel: () => Promise<{ id: string } | null>,
  onChange: (item: ActionItem, by: string | undefined) => void,
  reread?: () => Promise<ActionItem>,
): () => void {
  let stopped = false;
  let leave: (() => void) | undefined;
  let changes = 0;
  const off = connection.on('action_item:changed', (event) => {
    if (event.id !== itemId || !event.actionItem) return;
    changes++;
    onChange(event.actionItem, event.by);
  });
  const catchUp = () => {
    const before = changes;
    reread?.()
      .then((fresh) => {
        if (!stopped && changes === before) onChange(fresh, undefined);
      })
      .catch(() => undefined);
  };
  findChannel()
    .then((channel) => {
      if (channel && !stopped) leave = connection.join(channel.id, { onJoined: catchUp });
    })
    .catch(() => {
      // Live updates are a convenience: the page still works by reloading.
    });
  return () => {
    stopped = true;
    off();
    leave?.();
  };
}

/** followActionItem for a page, on the tab's connection. */
export function useLiveActionItem(
  itemId: string | undefined,
  onChange: (item: ActionItem, by: string | undefined) => void,
  reread?: () => Promise<ActionItem>,
): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const rereadRef = useRef(reread);
  rereadRef.current = reread;

  useEffect(() => {
    if (!connection || !itemId) return;
    return followActionItem(
      connection,
      itemId,
      () => api.channels.find('action_item', itemId),
      (item, by) => onChangeRef.current(item, by),
      rereadRef.current && (() => rereadRef.current!()),
    );
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
