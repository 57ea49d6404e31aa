import { useEffect, useRef } from 'react';
import { api } from '../api';
import type { ActionItem } from '../api/types';
import type { RealtimeConnection } from '../realtime/connection';
import { useRealtime } from '../realtime/useRealtime';

/**
 * The bookkeeping of following something live and reading it again after each (re)join: a read is handed over only if
 * following has not stopped and no live change arrived while it was under way (a change carries the whole item as of
 * then, so the read could only be older).
 */
function catchUpReads() {
  let stopped = false;
  let changes = 0;
  return {
    changed: () => void changes++,
    read<T>(read: () => Promise<T>, apply: (value: T) => void): void {
      const before = changes;
      read()
        .then((value) => {
          if (!stopped && changes === before) apply(value);
        })
        .catch(() => undefined);
    },
    stop: () => void (stopped = true),
    stopped: () => stopped,
  };
}

/** What following one commitment needs of the realtime connection (RealtimeConnection has it). */
export type ActionItemFeed = Pick<RealtimeConnection, 'on' | 'join'>;

/**
 * Follows `action_item:changed` for one commitment: the server pushes it to the item's channel room, so this joins
 * that channel (shared with the open discussion of the same item) and hands every change over, with who made it.
 * Returns the function that stops following.
 *
 * A change made after the page read the item but before it was in the room (or while it was disconnected) reaches no
 * one: after every (re)join the item is read again with `reread` and handed over too (with no author), unless a live
 * change arrived meanwhile (see catchUpReads).
 */
export function followActionItem(
  connection: ActionItemFeed,
  itemId: string,
  findChannel: () => Promise<{ id: string } | null>,
  onChange: (item: ActionItem, by: string | undefined) => void,
  reread: () => Promise<ActionItem>,
): () => void {
  const reads = catchUpReads();
  let leave: (() => void) | undefined;
  const off = connection.on('action_item:changed', (event) => {
    if (event.id !== itemId || !event.actionItem) return;
    reads.changed();
    onChange(event.actionItem, event.by);
  });
  findChannel()
    .then((channel) => {
      if (channel && !reads.stopped()) {
        leave = connection.join(channel.id, { onJoined: () => reads.read(reread, (fresh) => onChange(fresh, undefined)) });
      }
    })
    .catch(() => {
      // Live updates are a convenience: the page still works by reloading.
    });
  return () => {
    reads.stop();
    off();
    leave?.();
  };
}

/** followActionItem for a page, on the tab's connection. */
export function useLiveActionItem(
  itemId: string | undefined,
  onChange: (item: ActionItem, by: string | undefined) => void,
  reread: () => Promise<ActionItem>,
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
      () => rereadRef.current(),
    );
  }, [connection, itemId]);
}

/** What following a roadmap needs of the realtime connection (RealtimeConnection has it). */
export type RoadmapFeed = Pick<RealtimeConnection, 'on' | 'watchRoadmap'>;

/** How a board catches up once following its roadmap: what it reads, and what it does with the cards read. */
export interface RoadmapCatchUp {
  reread: () => Promise<ActionItem[]>;
  onReread: (items: ActionItem[]) => void;
}

/**
 * Follows every commitment of a roadmap (its board) through the roadmap's room (`roadmap:watch`); returns the function
 * that stops following. Once followed (and after every reconnection) the list is read again and handed over, unless a
 * live change arrived meanwhile (see catchUpReads): a commitment moved before then reaches no one otherwise.
 */
export function followRoadmap(connection: RoadmapFeed, roadmapId: string, onChange: (item: ActionItem) => void, catchUp: RoadmapCatchUp): () => void {
  const reads = catchUpReads();
  const off = connection.on('action_item:changed', (event) => {
    if (!event.actionItem || (event.actionItem as ActionItem).roadmapId !== roadmapId) return;
    reads.changed();
    onChange(event.actionItem);
  });
  const unwatch = connection.watchRoadmap(roadmapId, () => reads.read(catchUp.reread, catchUp.onReread));
  return () => {
    reads.stop();
    off();
    unwatch();
  };
}

/** followRoadmap for a page, on the tab's connection. */
export function useLiveRoadmap(roadmapId: string | undefined, onChange: (item: ActionItem) => void, catchUp: RoadmapCatchUp): void {
  const { connection } = useRealtime();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const catchUpRef = useRef(catchUp);
  catchUpRef.current = catchUp;

  useEffect(() => {
    if (!connection || !roadmapId) return;
    return followRoadmap(connection, roadmapId, (item) => onChangeRef.current(item), {
      reread: () => catchUpRef.current.reread(),
      onReread: (items) => catchUpRef.current.onReread(items),
    });
  }, [connection, roadmapId]);
}
