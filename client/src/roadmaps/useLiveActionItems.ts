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

/** What following a roadmap needs of the realtime connection (RealtimeConnection has it). */
export type RoadmapFeed = Pick<RealtimeConnection, 'on' | 'watchRoadmap'>;

/**
 * Follows every commitment of a roadmap (its board) through the roadmap's room (`roadmap:watch`); returns the function
 * that stops following. Once followed (and after every reconnection) the list is read again with `reread` and handed
 * to `onReread`, unless a live change arrived meanwhile (the read could be older than it): a commitment moved before
 * then reaches no one otherwise.
 */
export function followRoadmap(
  connection: RoadmapFeed,
  roadmapId: string,
  onChange: (item: ActionItem) => void,
  catchUp?: { reread: () => Promise<ActionItem[]>; onReread: (items: ActionItem[]) => void },
): () => void {
  let stopped = false;
  let changes = 0;
  const off = connection.on('action_item:changed', (event) => {
    if (!event.actionItem || (event.actionItem as ActionItem).roadmapId !== roadmapId) return;
    changes++;
    onChange(event.actionItem);
  });
  const unwatch = connection.watchRoadmap(roadmapId, () => {
    if (!catchUp) return;
    const before = changes;
    catchUp
      .reread()
      .then((items) => {
        if (!stopped && changes === before) catchUp.onReread(items);
      })
      .catch(() => undefined);
  });
  return () => {
    stopped = true;
    off();
    unwatch();
  };
}

/** followRoadmap for a page, on the tab's connection. */
export function useLiveRoadmap(
  roadmapId: string | undefined,
  onChange: (item: ActionItem) => void,
  catchUp?: { reread: () => Promise<ActionItem[]>; onReread: (items: ActionItem[]) => void },
): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const catchUpRef = useRef(catchUp);
  catchUpRef.current = catchUp;

  useEffect(() => {
    if (!connection || !roadmapId) return;
    return followRoadmap(connection, roadmapId, (item) => onChangeRef.current(item), {
      reread: () => catchUpRef.current?.reread() ?? Promise.reject(new Error('nothing to read')),
      onReread: (items) => catchUpRef.current?.onReread(items),
    });
  }, [connection, roadmapId]);
}
